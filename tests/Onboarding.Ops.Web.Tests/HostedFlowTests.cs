using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Hosted;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The end user's side: the steps asked, the draft kept, uploads checked, and the submission through the domain.</summary>
public sealed class HostedFlowTests : IClassFixture<SharedApp>, IDisposable
{
    private readonly OpsAppFactory app;
    private readonly IServiceScope scope;

    public HostedFlowTests(SharedApp shared)
    {
        app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });
        scope = app.Services.CreateScope();
    }

    public void Dispose() => scope.Dispose();

    private HostedFlow Flow => scope.ServiceProvider.GetRequiredService<HostedFlow>();

    private async Task<(Customer Customer, string Token)> SavedAsync(Customer customer)
    {
        var token = customer.IssueVerificationLink(A.Partner, DateTimeOffset.UtcNow, TimeSpan.FromDays(14));
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return (customer, token);
    }

    private sealed class BrowserFile(string name, byte[] content) : IBrowserFile
    {
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UtcNow;
        public long Size => content.Length;
        public string ContentType => "application/octet-stream";
        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            content.Length > maxAllowedSize ? throw new IOException("too big") : new MemoryStream(content);
    }

    [Fact]
    public async Task AnEmptyBasicCustomer_IsAskedAboutThemTheirAddressAndADocument()
    {
        var (customer, _) = await SavedAsync(A.HostedEmpty());

        Assert.Equal([HostedStep.AboutYou, HostedStep.Address, HostedStep.IdentityDocument, HostedStep.Selfie], Flow.StepsFor(customer));
    }

    [Fact]
    public async Task AnsweredAndSubmitted_TheCustomerIsPendingWithItsDocumentAndChecks_AndTheDraftIsGone()
    {
        var (customer, token) = await SavedAsync(A.HostedEmpty());
        var front = await Flow.StoreAsync(new BrowserFile("front.png", Specimen.Of(A.Passport(), A.Person(), null)));
        var selfie = await Flow.StoreAsync(new BrowserFile("me.png", Specimen.Of(A.Selfie(), A.Person(), null)), photoOnly: true);
        var answers = new HostedAnswers
        {
            FirstName = "Camila", LastName = "Restrepo", BirthDate = "1991-04-17", Nationality = "CO", Email = "camila@example.co",
            Phone = "+573001234567", Line1 = "Carrera 7 # 71-21", City = "Bogotá", PostalCode = "110231", CountryCode = "CO",
            NationalId = "1020304050", DocumentType = DocumentType.Passport, DocumentCountry = "CO", DocumentExpires = "2031-05-01",
            Front = front.File, Selfie = selfie.File, Step = 2,
        };
        await Flow.SaveDraftAsync(customer.Id, answers);

        var resumed = await Flow.LoadAsync(token);
        var (status, problem) = await Flow.SubmitAsync(token, resumed!.Value.Answers);

        Assert.Equal(2, resumed.Value.Answers.Step);
        Assert.Null(problem);
        Assert.Equal(CustomerStatus.Pending, status);
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal([(DocumentType.Passport, "image/png"), (DocumentType.Selfie, "image/png")], stored.Documents.Select(d => (d.Type, d.File!.MediaType)).Order());
        Assert.Equal("Camila Restrepo", stored.Name);
        Assert.NotEmpty(stored.Checks);
        Assert.Equal("End user (hosted flow)", (await db.AuditEntries.Where(e => e.CustomerId == customer.Id && e.Action == "submitted").SingleAsync()).ActorName);
        Assert.False(await db.Set<HostedDraft>().AnyAsync());
    }

    [Fact]
    public async Task AnInformationRequest_AsksOnlyForWhatIsOpen()
    {
        var hosted = A.HostedAskedFor(RequirementCode.ProofOfAddress, "Send a recent utility bill.");
        var (saved, _) = await SavedAsync(hosted);

        Assert.Equal([HostedStep.ProofOfAddress], Flow.StepsFor(saved));
    }

    [Theory]
    [InlineData("an executable renamed .jpg", "not a JPEG, PNG or PDF")]
    [InlineData("an empty file", "empty")]
    [InlineData("a PDF as a selfie", "A selfie must be a photo (JPEG or PNG), not a PDF.")]
    public async Task Uploads_AreCheckedByContent_AndRefusedOnesAreNotStored(string what, string problem)
    {
        byte[] content = what switch
        {
            "an empty file" => [],
            "a PDF as a selfie" => System.Text.Encoding.ASCII.GetBytes("%PDF-1.7 me"),
            _ => [0x4D, 0x5A, 0x90, 0x00],
        };

        var (file, refused) = await Flow.StoreAsync(new BrowserFile("photo.jpg", content), photoOnly: what == "a PDF as a selfie");

        Assert.Null(file);
        Assert.Contains(problem, refused);
        var root = ((FolderDocumentStore)app.Services.GetRequiredService<IDocumentStore>()).Root;
        Assert.False(Directory.Exists(root) && Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task AReplacedLink_CannotSubmit()
    {
        var (customer, token) = await SavedAsync(A.HostedEmpty());
        await using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.IssueVerificationLink(A.Support, DateTimeOffset.UtcNow, TimeSpan.FromDays(14), "The customer lost the email.");
            await db.SaveChangesAsync();
        }

        var (status, problem) = await Flow.SubmitAsync(token, new HostedAnswers());

        Assert.Null(status);
        Assert.Contains("no longer opens", problem);
        Assert.Null(await Flow.LoadAsync(token));
    }

    [Fact]
    public async Task AfterARetryableRejection_TheEndUserTriesAgainThroughTheLink()
    {
        var hosted = A.HostedWithData();
        hosted.Reject(A.Reviewer, A.T0.AddHours(1), ["name_mismatch"], false, "The name does not match your passport.", null);
        var (customer, token) = await SavedAsync(hosted);
        Assert.Equal([HostedStep.AboutYou, HostedStep.Address, HostedStep.IdentityDocument, HostedStep.Selfie], Flow.StepsFor(customer));
        var answers = (await Flow.LoadAsync(token))!.Value.Answers;
        answers.LastName = "Restrepo Gómez";
        answers.DocumentExpires = "2032-01-01";
        answers.Front = (await Flow.StoreAsync(new BrowserFile("new.png", Specimen.Of(A.Passport(), A.Person(), null)))).File;
        answers.Selfie = (await Flow.StoreAsync(new BrowserFile("me.png", Specimen.Of(A.Selfie(), A.Person(), null)), photoOnly: true)).File;

        var (status, problem) = await Flow.SubmitAsync(token, answers);

        Assert.Null(problem);
        Assert.Equal(CustomerStatus.Pending, status);
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal(("Camila Restrepo Gómez", 4), (stored.Name, stored.Documents.Count));
    }

    [Fact]
    public async Task AFinalRejection_AsksForNothing()
    {
        var hosted = A.HostedWithData();
        hosted.Reject(A.Reviewer, A.T0.AddHours(1), ["sanctions_match"], true, "We are unable to offer you this service.", null);

        Assert.Empty(Flow.StepsFor(hosted));
    }

    [Fact]
    public async Task ACompany_IsAskedForItsDataOwnersAndCertificate_AndBecomesPending()
    {
        var empty = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic, VerificationModel.Hosted,
            "lumen-wallet"), A.Policy);
        var (customer, token) = await SavedAsync(empty);
        Assert.Equal([HostedStep.Company, HostedStep.Owners, HostedStep.Certificate], Flow.StepsFor(customer));
        var answers = new HostedAnswers
        {
            LegalName = "Andes Logística S.A.S.", RegistrationNumber = "901234567-8", CountryOfIncorporation = "CO",
            Email = "finanzas@andeslogistica.co", Phone = "+576015550101", Line1 = "Calle 93 # 11-27", City = "Bogotá", CountryCode = "CO",
            Owners = [new OwnerAnswers { FirstName = "Mateo", LastName = "Quintero", BirthDate = "1980-02-02", Nationality = "CO",
                NationalId = "79111222", Line1 = "Carrera 11 # 90-20", City = "Bogotá", CountryCode = "CO", OwnershipPercent = 60 }],
            CertificateIssued = "2020-01-15",
            Certificate = (await Flow.StoreAsync(new BrowserFile("certificate.pdf", System.Text.Encoding.ASCII.GetBytes("%PDF-1.7 certificate")))).File,
        };

        var (status, problem) = await Flow.SubmitAsync(token, answers);

        Assert.Null(problem);
        Assert.Equal(CustomerStatus.Pending, status);
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal("Mateo Quintero", stored.Company!.Owners.Single().Person.FullName);
        Assert.Equal(("application/pdf", DocumentType.CertificateOfIncorporation), (stored.Documents.Single().File!.MediaType, stored.Documents.Single().Type));
    }
}
