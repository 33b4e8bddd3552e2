using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Documents;

namespace Onboarding.Ops.Web.Features.Hosted;

/// <summary>The steps of the hosted form; each is asked only when the level or the open checklist needs it.</summary>
public enum HostedStep
{
    AboutYou,
    Address,
    IdentityDocument,
    Selfie,
    Company,
    Owners,
    Certificate,
    ProofOfAddress,
    SourceOfFunds,
}

/// <summary>A beneficial owner as the end user enters it.</summary>
public sealed class OwnerAnswers
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? BirthDate { get; set; }
    public string? Nationality { get; set; }
    public string? NationalId { get; set; }
    public string? Line1 { get; set; }
    public string? City { get; set; }
    public string? CountryCode { get; set; }
    public decimal? OwnershipPercent { get; set; }
}

/// <summary>What the end user has entered so far; kept on the server so the form can be left and resumed.</summary>
public sealed class HostedAnswers
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? BirthDate { get; set; }
    public string? Nationality { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryCode { get; set; }
    public string? NationalId { get; set; }
    public DocumentType DocumentType { get; set; } = DocumentType.Passport;
    public string? DocumentCountry { get; set; }
    public string? DocumentExpires { get; set; }
    public DocumentFile? Front { get; set; }
    public DocumentFile? Back { get; set; }
    public DocumentFile? Selfie { get; set; }
    public string? ProofIssued { get; set; }
    public DocumentFile? Proof { get; set; }
    public string? LegalName { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? CountryOfIncorporation { get; set; }
    public List<OwnerAnswers> Owners { get; set; } = [];
    public string? CertificateIssued { get; set; }
    public DocumentFile? Certificate { get; set; }
    public string? Occupation { get; set; }
    public EmploymentStatus? EmploymentStatus { get; set; }
    public string? BusinessActivity { get; set; }
    public FundsSource? FundsSource { get; set; }
    public MonthlyVolume? MonthlyVolume { get; set; }
    public string? Purpose { get; set; }
    /// <summary>Two-letter codes separated by commas, as typed.</summary>
    public string? CountriesOfOperation { get; set; }
    public int Step { get; set; }
}

/// <summary>
/// The end user's side of the hosted flow behind a verification link: which steps are needed, the draft, uploads
/// (checked by content, stored by hash), and the submission through the domain with the automated checks.
/// </summary>
public sealed class HostedFlow(
    IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, RequirementPolicy policy, IDocumentStore store, CustomerIntake intake)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The customer behind a valid link with its saved answers (prefilled from what the partner sent) and the steps asked, or null.</summary>
    public async Task<(Customer Customer, HostedAnswers Answers, IReadOnlyList<HostedStep> Steps)?> LoadAsync(string token)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await VerificationLinks.CustomerBehindAsync(db.Customers.AsNoTracking(), token, clock.GetUtcNow()) is not { } customer)
        {
            return null;
        }
        var draft = await db.Set<HostedDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.CustomerId == customer.Id);
        return (customer, draft is null ? Prefilled(customer) : JsonSerializer.Deserialize<HostedAnswers>(draft.Answers, Json)!,
            StepsFor(customer, await WantsQuestionnaireAsync(db, customer)));
    }

    /// <summary>A product that needs the questionnaire (a virtual account) was asked for, whatever became of the request.</summary>
    private Task<bool> WantsQuestionnaireAsync(OpsDbContext db, Customer customer)
    {
        var needing = Domain.AccessRequests.Products.All.Select(p => p.Product)
            .Where(p => policy.ForProduct(p, customer.Type).Contains(RequirementCode.SourceOfFunds)).ToList();
        return db.AccessRequests.AnyAsync(r => r.CustomerId == customer.Id && needing.Contains(r.Product));
    }

    /// <summary>
    /// What is asked: for a first submission the level's missing requirements, later the open checklist; the
    /// questionnaire too when a reviewer asked for it, or a virtual account was requested and it is not answered yet.
    /// </summary>
    public IReadOnlyList<HostedStep> StepsFor(Customer customer, bool wantsQuestionnaire = false)
    {
        IEnumerable<RequirementCode> needed = customer.Status switch
        {
            CustomerStatus.Pending when customer.SubmittedAt is null => customer.Outstanding(policy, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).Select(r => r.Code),
            CustomerStatus.NeedsInformation => customer.OpenChecklist.Select(i => i.Code),
            // A retryable rejection: everything again, corrected, with a new document.
            CustomerStatus.Rejected when customer.LastRejection?.Final == false => policy.ForLevel(customer.Type, customer.Level, customer.Model),
            // Under review, verified, held or rejected for good: nothing for the end user to send.
            CustomerStatus.Pending or CustomerStatus.Rejected or CustomerStatus.Active or CustomerStatus.UpdateRequested or CustomerStatus.OnHold => [],
        };
        var steps = needed.Select(code => StepOf(customer.Type, code)).OfType<HostedStep>().ToList();
        if (steps.Count > 0 && wantsQuestionnaire && customer.SourceOfFunds is null)
        {
            steps.Add(HostedStep.SourceOfFunds);
        }
        return [.. steps.Distinct().Order()];
    }

    public bool AsksAnything(Customer customer) => StepsFor(customer).Count > 0;

    /// <summary>Whether the hosted form can take this requirement; the rest (a liveness attestation) comes from the partner.</summary>
    public static bool Asks(CustomerType type, RequirementCode code) => StepOf(type, code) is not null;

    private static HostedStep? StepOf(CustomerType type, RequirementCode code) => code switch
    {
        RequirementCode.LegalName or RequirementCode.Email or RequirementCode.Phone =>
            type == CustomerType.Business ? HostedStep.Company : HostedStep.AboutYou,
        RequirementCode.BirthDate or RequirementCode.Nationality => HostedStep.AboutYou,
        RequirementCode.RegistrationNumber or RequirementCode.CountryOfIncorporation or RequirementCode.RegisteredAddress => HostedStep.Company,
        RequirementCode.ResidentialAddress or RequirementCode.NationalId => HostedStep.Address,
        RequirementCode.IdentityDocument => HostedStep.IdentityDocument,
        RequirementCode.Selfie => HostedStep.Selfie,
        RequirementCode.BeneficialOwner => HostedStep.Owners,
        RequirementCode.CertificateOfIncorporation => HostedStep.Certificate,
        RequirementCode.ProofOfAddress or RequirementCode.BusinessProofOfAddress => HostedStep.ProofOfAddress,
        RequirementCode.SourceOfFunds => HostedStep.SourceOfFunds,
        // Only the partner attests liveness; a level is the partner's choice.
        RequirementCode.LivenessAttestation or RequirementCode.LevelBasic or RequirementCode.LevelAdvanced => null,
    };

    /// <summary>The uploaded files a draft refers to (kept by the housekeeping sweep while the draft lives).</summary>
    public static IEnumerable<string> FilesOf(HostedDraft draft) =>
        JsonSerializer.Deserialize<HostedAnswers>(draft.Answers, Json) is { } a
            ? new[] { a.Front, a.Back, a.Selfie, a.Proof, a.Certificate }.OfType<DocumentFile>().Select(f => f.Hash)
            : [];

    public async Task SaveDraftAsync(Guid customerId, HostedAnswers answers)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var draft = await db.Set<HostedDraft>().SingleOrDefaultAsync(d => d.CustomerId == customerId);
        if (draft is null)
        {
            draft = new HostedDraft { CustomerId = customerId };
            db.Add(draft);
        }
        (draft.Answers, draft.UpdatedAt) = (JsonSerializer.Serialize(answers, Json), clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>An uploaded image or PDF, kept in the document store; or why it cannot be taken.</summary>
    /// <summary>Keeps an upload whose content passed the checks (a photo only, for a selfie); otherwise says why not.</summary>
    public async Task<(DocumentFile? File, string? Problem)> StoreAsync(IBrowserFile file, bool photoOnly = false)
    {
        if (file.Size > DocumentContent.MaxBytes)
        {
            return (null, DocumentContent.Problem(file.Size, []));
        }
        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream(DocumentContent.MaxBytes))
        {
            await upload.CopyToAsync(buffer);
        }
        var content = buffer.ToArray();
        if ((photoOnly ? DocumentContent.PhotoProblem(content.Length, content) : DocumentContent.Problem(content.Length, content)) is { } problem)
        {
            return (null, problem);
        }
        var hash = await store.SaveAsync(content);
        return (new DocumentFile(hash, DocumentContent.MediaTypeOf(content)!, content.Length, Path.GetFileName(file.Name)), null);
    }

    /// <summary>Hands the answers to the intake as the end user (the checks run); the draft goes. Returns the status reached.</summary>
    public async Task<(CustomerStatus? Status, string? Problem)> SubmitAsync(string token, HostedAnswers answers)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await VerificationLinks.CustomerBehindAsync(db.Customers, token, clock.GetUtcNow()) is not { } customer)
        {
            return (null, "This link no longer opens. Ask the service that sent it for a new one.");
        }
        var steps = StepsFor(customer, await WantsQuestionnaireAsync(db, customer));
        var endUser = Actor.EndUser($"end-user:{customer.Id}", "End user (hosted flow)");
        var result = await intake.SendAsync(db, customer, endUser, ChangesOf(customer, steps, answers), resubmit: customer.Status == CustomerStatus.Rejected);
        if (!result.Succeeded)
        {
            return (null, result.Refused ?? result.Conflict); // the draft stays: nothing the end user entered is lost
        }
        await db.Set<HostedDraft>().Where(d => d.CustomerId == customer.Id).ExecuteDeleteAsync();
        return (customer.Status, null);
    }

    /// <summary>Every requirement a step of the form takes: the end user saw and sent each of them.</summary>
    private static HashSet<RequirementCode> Confirmed(CustomerType type, IReadOnlyList<HostedStep> steps) =>
        [.. Enum.GetValues<RequirementCode>().Where(code => StepOf(type, code) is { } step && steps.Contains(step))];

    private static CustomerChanges ChangesOf(Customer customer, IReadOnlyList<HostedStep> steps, HostedAnswers a) =>
        DataOf(customer, steps, a) with
        {
            Confirmed = Confirmed(customer.Type, steps),
            SourceOfFunds = steps.Contains(HostedStep.SourceOfFunds) ? new SourceOfFundsAnswers
            {
                Occupation = a.Occupation, EmploymentStatus = a.EmploymentStatus, BusinessActivity = a.BusinessActivity, Source = a.FundsSource,
                ExpectedMonthlyVolume = a.MonthlyVolume, Purpose = a.Purpose,
                CountriesOfOperation = [.. (a.CountriesOfOperation ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            } : null,
        };

    private static CustomerChanges DataOf(Customer customer, IReadOnlyList<HostedStep> steps, HostedAnswers a)
    {
        var documents = new List<NewDocument>();
        if (steps.Contains(HostedStep.IdentityDocument) && a.Front is not null)
        {
            documents.Add(new NewDocument(a.DocumentType, a.DocumentCountry, Wire.Date(a.DocumentExpires), File: a.Front,
                Back: Document.HasBack(a.DocumentType) ? a.Back : null));
        }
        if (steps.Contains(HostedStep.Selfie) && a.Selfie is not null)
        {
            documents.Add(new NewDocument(DocumentType.Selfie, File: a.Selfie));
        }
        if (steps.Contains(HostedStep.ProofOfAddress) && a.Proof is not null)
        {
            documents.Add(new NewDocument(DocumentType.ProofOfAddress, a.CountryCode ?? customer.Person?.Address?.CountryCode,
                IssuedOn: Wire.Date(a.ProofIssued), File: a.Proof));
        }
        if (steps.Contains(HostedStep.Certificate) && a.Certificate is not null)
        {
            documents.Add(new NewDocument(DocumentType.CertificateOfIncorporation, a.CountryOfIncorporation?.ToUpperInvariant(),
                IssuedOn: Wire.Date(a.CertificateIssued), File: a.Certificate));
        }
        if (customer.Type == CustomerType.Business)
        {
            var asksCompany = steps.Contains(HostedStep.Company) || steps.Contains(HostedStep.Owners);
            var company = asksCompany ? (customer.Company ?? new CompanyData()) with
            {
                LegalName = a.LegalName, RegistrationNumber = a.RegistrationNumber, CountryOfIncorporation = a.CountryOfIncorporation?.ToUpperInvariant(),
                Email = a.Email, Phone = a.Phone,
                RegisteredAddress = string.IsNullOrWhiteSpace(a.Line1) ? customer.Company?.RegisteredAddress
                    : new Address { Line1 = a.Line1, Line2 = a.Line2, City = a.City ?? "", PostalCode = a.PostalCode ?? "", CountryCode = a.CountryCode?.ToUpperInvariant() ?? "" },
                Owners = steps.Contains(HostedStep.Owners)
                    ? [.. a.Owners.Select(o => new BeneficialOwner
                    {
                        OwnershipPercent = o.OwnershipPercent,
                        Person = new PersonData
                        {
                            FirstName = o.FirstName, LastName = o.LastName, BirthDate = Wire.Date(o.BirthDate), Nationality = o.Nationality?.ToUpperInvariant(),
                            NationalId = o.NationalId,
                            Address = new Address { Line1 = o.Line1 ?? "", City = o.City ?? "", CountryCode = o.CountryCode?.ToUpperInvariant() ?? "" },
                        },
                    })]
                    : customer.Company?.Owners ?? [],
            } : null;
            return new CustomerChanges(Company: company, Documents: documents);
        }
        var asksData = steps.Contains(HostedStep.AboutYou) || steps.Contains(HostedStep.Address);
        var person = asksData ? (customer.Person ?? new PersonData()) with
        {
            FirstName = a.FirstName, LastName = a.LastName, BirthDate = Wire.Date(a.BirthDate), Nationality = a.Nationality?.ToUpperInvariant(),
            Email = a.Email, Phone = a.Phone, NationalId = a.NationalId,
            Address = string.IsNullOrWhiteSpace(a.Line1) ? customer.Person?.Address
                : new Address { Line1 = a.Line1, Line2 = a.Line2, City = a.City ?? "", PostalCode = a.PostalCode ?? "", CountryCode = a.CountryCode?.ToUpperInvariant() ?? "" },
        } : null;
        return new CustomerChanges(person, Documents: documents);
    }

    private static HostedAnswers Prefilled(Customer customer) => customer.Company is { } company ? new()
    {
        LegalName = company.LegalName, RegistrationNumber = company.RegistrationNumber, CountryOfIncorporation = company.CountryOfIncorporation,
        Email = company.Email, Phone = company.Phone, Line1 = company.RegisteredAddress?.Line1, Line2 = company.RegisteredAddress?.Line2,
        City = company.RegisteredAddress?.City, PostalCode = company.RegisteredAddress?.PostalCode, CountryCode = company.RegisteredAddress?.CountryCode,
        Owners = [.. company.Owners.Select(o => new OwnerAnswers
        {
            FirstName = o.Person.FirstName, LastName = o.Person.LastName, BirthDate = o.Person.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Nationality = o.Person.Nationality, NationalId = o.Person.NationalId, Line1 = o.Person.Address?.Line1, City = o.Person.Address?.City,
            CountryCode = o.Person.Address?.CountryCode, OwnershipPercent = o.OwnershipPercent,
        })],
    } : new()
    {
        FirstName = customer.Person?.FirstName, LastName = customer.Person?.LastName,
        BirthDate = customer.Person?.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Nationality = customer.Person?.Nationality, Email = customer.Person?.Email, Phone = customer.Person?.Phone,
        Line1 = customer.Person?.Address?.Line1, Line2 = customer.Person?.Address?.Line2, City = customer.Person?.Address?.City,
        PostalCode = customer.Person?.Address?.PostalCode, CountryCode = customer.Person?.Address?.CountryCode,
        NationalId = customer.Person?.NationalId, DocumentCountry = customer.Person?.Nationality,
    };
}
