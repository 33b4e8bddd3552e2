using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Screening;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Screening;
using Onboarding.Ops.Web.Features.Staff;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Demo;

/// <summary>
/// The Development demo population, made through the domain's verbs so every customer has a true audit trail:
/// every status, both models, all levels, expired and expiring documents, failed checks, checklists, holds,
/// rejections, updates, and access requests in every status. Same seed, same people and scenarios.
/// Seeding is skipped when customers already exist.
/// </summary>
public sealed class DemoData
{
    public static readonly IReadOnlyList<Partner> Partners =
    [
        new("lumen-wallet", "Lumen Wallet"), new("paygo-mobile", "Paygo Mobile"), new("atlas-freight-pay", "Atlas Freight Pay"),
        new("colibri-remesas", "Colibrí Remesas"), new("nordpay-business", "NordPay Business"),
    ];

    // Scenario and weight (out of 100).
    private static readonly (string Scenario, int Weight)[] Scenarios =
    [
        ("pending_review", 17), ("pending_approvable", 6), ("pending_hosted_empty", 5), ("needs_information_incomplete", 8),
        ("needs_information_requested", 6), ("expired_document", 4), ("active", 22), ("active_expiring_soon", 4),
        ("rejected_retryable", 6), ("rejected_final", 4), ("update_requested", 5), ("on_hold_wake_up", 4),
        ("on_hold_open", 3), ("name_mismatch", 3), ("duplicate_signal", 3),
    ];

    private static readonly RequirementPolicy Policy = RequirementPolicy.Default;

    private readonly DemoPeople people;
    private readonly Random random;
    private readonly DateTimeOffset now;
    private readonly Actor reviewer;
    private readonly Actor approver;
    private readonly List<Customer> customers = [];
    private readonly List<AccessRequest> requests = [];
    // Every third final rejection and every fourth virtual-account grant waits for its second reviewer (four eyes),
    // counted rather than drawn so the rest of the population stays as the seed makes it.
    private int finalRejections;
    private int accountGrants;

    private readonly Dictionary<string, byte[]> files = [];

    private DemoData(int seed, DateTimeOffset now, Actor reviewer, Actor approver)
    {
        random = new Random(seed);
        people = new DemoPeople(random);
        this.now = now;
        this.reviewer = reviewer;
        this.approver = approver;
    }

    public static async Task SeedAsync(OpsDbContext db, TimeProvider clock, IConfiguration configuration, IDocumentStore store, Screener screener)
    {
        if (await db.Customers.AnyAsync())
        {
            return;
        }
        var size = configuration.GetValue("DemoData:Customers", 300);
        var seed = configuration.GetValue("DemoData:Seed", 20261125);
        var reviewer = await StaffActorAsync(db, StaffRoles.Reviewer, id => Actor.Reviewer(id.Id, id.DisplayName));
        var approver = await StaffActorAsync(db, StaffRoles.ProductApprover, id => Actor.ProductApprover(id.Id, id.DisplayName));

        var demo = new DemoData(seed, clock.GetUtcNow(), reviewer, approver);
        var screened = size >= MinimumForScreening;
        for (var i = 0; i < size; i++)
        {
            demo.Add(demo.PickScenario());
        }
        if (screened)
        {
            demo.AddScreeningCases();
        }

        foreach (var partner in Partners)
        {
            if (!await db.Partners.AnyAsync(p => p.Id == partner.Id))
            {
                db.Partners.Add(new Partner(partner.Id, partner.Name));
            }
        }
        foreach (var file in demo.files.Values)
        {
            await store.SaveAsync(file);
        }
        db.Customers.AddRange(demo.customers);
        db.AccessRequests.AddRange(demo.requests);
        await db.SaveChangesAsync();
        if (screened)
        {
            await demo.ScreenAsync(db, store, screener);
            await demo.AssessRiskAsync(db);
        }
    }

    /// <summary>A demo country risk list (invented weights, not a statement about any country), then everyone's risk.</summary>
    private async Task AssessRiskAsync(OpsDbContext db)
    {
        var admin = Actor.Admin("system-demo", "System");
        foreach (var (code, points) in new[] { ("NG", 30), ("PH", 20), ("MX", 15), ("RU", 40), ("MA", 25) })
        {
            db.Add(Domain.Risk.CountryRisk.Add(admin, now.AddDays(-30), code, points, "Demo weight: invented for the demonstration."));
        }
        await db.SaveChangesAsync();
        await Risk.RiskAssessor.AssessAsync(db, customers, now.AddMinutes(-1));
        await db.SaveChangesAsync();
    }

    // The screening cases come on top of the drawn population (which stays as the seed makes it), in a demo big enough
    // to be looked at; the tests' small demo (40) has no list, so they screen what they set up themselves.
    private const int MinimumForScreening = 100;
    public const int ScreeningCases = 6;

    /// <summary>The fictional demo list, shipped beside the app.</summary>
    public static string DemoListPath => Path.Combine(AppContext.BaseDirectory, "Features", "Screening", "Lists", "demo-targets.simple.csv");

    /// <summary>
    /// Customers the demo list has something to say about (names and dates from Lists/demo-targets.simple.csv), and
    /// two whose periodic review is due.
    /// </summary>
    private void AddScreeningCases()
    {
        var at = now.AddHours(-5);
        customers.Add(Create(at, atLeastBasic: true,
            shaped: p => p with { FirstName = "Ivan", LastName = "Sidorenko", BirthDate = new DateOnly(1961, 4, 12), Nationality = "RU" }));
        at = now.AddHours(-3);
        customers.Add(Create(at, atLeastBasic: true,
            shaped: p => p with { FirstName = "Marisol", LastName = "Quintanar", BirthDate = new DateOnly(1990, 2, 1), Nationality = "CO" }));
        at = now.AddDays(-40);
        customers.Add(Active(ref at, withRequests: false,
            shaped: p => p with { FirstName = "Teodora", LastName = "Vasquez Linde", BirthDate = new DateOnly(1982, 2, 14), Nationality = "MX" }));
        at = now.AddHours(-7);
        customers.Add(Create(at, atLeastBasic: true, owner: p => p with { FirstName = "Abdelkarim", LastName = "Haddou", BirthDate = new DateOnly(1968, 3, 3), Nationality = "MA" }));
        // Approved a little over three years ago (a low risk's interval): their periodic reviews are due.
        foreach (var daysOver in new[] { 12, 3 })
        {
            at = now.AddYears(-3).AddDays(-daysOver - 1);
            customers.Add(Active(ref at, withRequests: false, shaped: p => p));
        }
    }

    /// <summary>
    /// Imports the demo list as if an admin had just done it and screens everyone against it, then decides two hits as
    /// a reviewer would: Marisol Quintanar is not the listed person (another birth year and country), Teodora Vasquez
    /// Linde is the politically exposed person listed.
    /// </summary>
    private async Task ScreenAsync(OpsDbContext db, IDocumentStore store, Screener screener)
    {
        var content = await File.ReadAllBytesAsync(DemoListPath);
        var parsed = ListFiles.Read(new MemoryStream(content));
        var ready = now.AddMinutes(-4);
        db.Add(new ScreeningList
        {
            Name = "Demo sanctions and PEPs", Version = 1, FileName = Path.GetFileName(DemoListPath), FileHash = await store.SaveAsync(content),
            FileBytes = content.Length, ImportedAt = ready, ImportedBy = "System", State = ScreeningListState.Ready, ReadyAt = ready,
            Entries = parsed.Entries.Count, Persons = parsed.Entries.Count(e => e.IsPerson), Pep = parsed.Entries.Count(e => e.IsPep),
            RescreenTotal = customers.Count(c => ScreeningImports.Rescreened.Contains(c.Status)), RescreenedAt = ready,
        });
        await db.SaveChangesAsync();
        var lists = await screener.ReadyAsync(db);
        foreach (var customer in customers.Where(c => ScreeningImports.Rescreened.Contains(c.Status)))
        {
            screener.Screen(customer, lists, now.AddMinutes(-3));
        }
        void Decide(string name, HitVerdict verdict, string note)
        {
            var customer = customers.Single(c => c.Name == name);
            customer.DecideHit(reviewer, now.AddMinutes(-2), customer.ScreeningHits.Single().Id, verdict, note);
        }
        Decide("Marisol Quintanar", HitVerdict.FalsePositive, "Born 1990 in Colombia; the listed Marisol Quintanar Bravo was born 1975 in Venezuela.");
        Decide("Teodora Vasquez Linde", HitVerdict.TrueMatch, "Same name and birth date: she is the listed politically exposed person.");
        await db.SaveChangesAsync();
    }

    /// <summary>The document with a generated SPECIMEN image, kept to be written to the document store.</summary>
    private NewDocument WithSpecimen(NewDocument document, PersonData? person, CompanyData? company)
    {
        var image = Specimen.Of(document, person, company);
        var hash = FolderDocumentStore.HashOf(image);
        files[hash] = image;
        return document with { File = new DocumentFile(hash, "image/png", image.Length, $"specimen-{Wire.Of(document.Type)}.png") };
    }

    private static async Task<Actor> StaffActorAsync(OpsDbContext db, string role, Func<StaffUser, Actor> actor)
    {
        var email = StaffSeeder.DemoStaff.First(s => s.Role == role).Email;
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return actor(user);
    }

    private string PickScenario()
    {
        var roll = random.Next(100);
        foreach (var (scenario, weight) in Scenarios)
        {
            if (roll < weight)
            {
                return scenario;
            }
            roll -= weight;
        }
        return Scenarios[0].Scenario;
    }

    /// <summary>The stories that end waiting for a reviewer: they make the review queue a working day's.</summary>
    private static readonly HashSet<string> AwaitingReview =
        ["pending_review", "pending_approvable", "expired_document", "update_requested", "name_mismatch", "duplicate_signal"];

    /// <summary>
    /// When a customer's story starts, relative to the moment of seeding: those waiting for review arrived mostly within
    /// the last day and sit inside their SLA, a few minutes ago for some, with a tail that is overdue; the others over the
    /// last two months.
    /// </summary>
    private DateTimeOffset ArrivalOf(string scenario)
    {
        if (scenario == "on_hold_wake_up")
        {
            // Held within the last fortnight, so most wake-up dates are still ahead and a few are due.
            return now.AddDays(-people.Between(2, 12)).AddMinutes(-people.Between(0, 1440));
        }
        if (!AwaitingReview.Contains(scenario))
        {
            return now.AddDays(-people.Between(1, 60)).AddMinutes(-people.Between(0, 1440));
        }
        var roll = random.Next(100);
        return roll < 10 ? now.AddMinutes(-people.Between(15, 40))
            : roll < 78 ? now.AddMinutes(-people.Between(60, 20 * 60))
            : roll < 92 ? now.AddHours(-people.Between(26, 72))
            : now.AddDays(-people.Between(3, 12));
    }

    private void Add(string scenario)
    {
        var at = ArrivalOf(scenario);
        var customer = scenario switch
        {
            "pending_review" => Create(at, atLeastBasic: true),
            "pending_approvable" => Approvable(ref at),
            "pending_hosted_empty" => HostedEmpty(at),
            "needs_information_incomplete" => Incomplete(at),
            "needs_information_requested" => Requested(ref at),
            "expired_document" => Create(at, expiredIdentityDocument: true),
            "active" => Active(ref at, withRequests: true),
            "active_expiring_soon" => Active(ref at, withRequests: false, passportExpires: DateOnly.FromDateTime(now.UtcDateTime).AddDays(people.Between(3, 25))),
            "rejected_retryable" => Rejected(ref at, final: false),
            "rejected_final" => Rejected(ref at, final: true),
            "update_requested" => UpdateRequested(ref at),
            "on_hold_wake_up" => OnHold(ref at, withWakeUp: true),
            "on_hold_open" => OnHold(ref at, withWakeUp: false),
            "name_mismatch" => FailedCheck(ref at, "name_mismatch"),
            "duplicate_signal" => FailedCheck(ref at, "duplicate_national_id"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        customers.Add(customer);
    }

    /// <summary>The next moment in a customer's story, never in the future.</summary>
    private DateTimeOffset Later(ref DateTimeOffset at, int minHours, int maxHours)
    {
        var next = at.AddHours(people.Between(minHours, maxHours)).AddMinutes(people.Between(0, 59));
        at = next < now.AddMinutes(-10) ? next : now.AddMinutes(-10 + people.Between(0, 5));
        return at;
    }

    private Customer Create(
        DateTimeOffset at, bool expiredIdentityDocument = false, DateOnly? passportExpires = null, bool atLeastBasic = false,
        string? nationalId = null, Func<PersonData, PersonData>? shaped = null, Func<PersonData, PersonData>? owner = null)
    {
        var business = owner is not null || shaped is null && people.Chance(0.25);
        var levelRoll = random.Next(100);
        var level = atLeastBasic && levelRoll < 25 ? VerificationLevel.Basic
            : levelRoll < 25 ? VerificationLevel.Minimum : levelRoll < 75 ? VerificationLevel.Basic : VerificationLevel.Advanced;
        var model = people.Chance(0.6) ? VerificationModel.Hosted : VerificationModel.PartnerVerified;
        var partner = people.Pick(Partners);
        var today = DateOnly.FromDateTime(at.UtcDateTime);

        var documents = new List<NewDocument>();
        PersonData? person = null;
        CompanyData? company = null;
        if (business)
        {
            company = people.Company();
            company = owner is null ? company : company with { Owners = [.. company.Owners.Select(o => o with { Person = owner(o.Person) })] };
            if (level >= VerificationLevel.Basic)
            {
                documents.Add(WithSpecimen(new NewDocument(DocumentType.CertificateOfIncorporation, company.CountryOfIncorporation,
                    IssuedOn: today.AddYears(-people.Between(1, 12))), null, company));
            }
        }
        else
        {
            person = people.Person();
            person = nationalId is null ? person : person with { NationalId = nationalId };
            person = shaped is null ? person : shaped(person);
            if (level >= VerificationLevel.Basic)
            {
                var type = people.Pick(new[] { DocumentType.Passport, DocumentType.Passport, DocumentType.IdCard, DocumentType.DriverLicense });
                var expires = expiredIdentityDocument ? today.AddDays(-people.Between(10, 400)) : passportExpires ?? today.AddYears(people.Between(2, 9));
                documents.Add(WithSpecimen(new NewDocument(type, person.Nationality, ExpiresOn: expires), person, null));
                if (model == VerificationModel.Hosted)
                {
                    documents.Add(WithSpecimen(new NewDocument(DocumentType.Selfie), person, null));
                }
            }
        }
        if (level == VerificationLevel.Advanced)
        {
            documents.Add(WithSpecimen(new NewDocument(DocumentType.ProofOfAddress, (person?.Address ?? company!.RegisteredAddress)!.CountryCode,
                IssuedOn: today.AddDays(-people.Between(3, 25))), person, company));
        }

        var partnerActor = Actor.Partner(partner.Id, partner.Name);
        var customer = Customer.Create(partnerActor, at, new NewCustomer(business ? CustomerType.Business : CustomerType.Individual, level,
            model, partner.Id, $"{partner.Id[..3].ToUpperInvariant()}-{people.Digits(6)}", person, company, documents,
            LivenessAttested: model == VerificationModel.PartnerVerified), Policy);
        if (customer.Status == CustomerStatus.Pending)
        {
            customer.RecordChecks(Actor.System, at.AddMinutes(1), Checks(customer, at));
        }
        return customer;
    }

    /// <summary>The real automated checks, with duplicates looked up among the customers made so far.</summary>
    private IReadOnlyList<CheckResult> Checks(Customer customer, DateTimeOffset at)
    {
        var duplicates = customers.Where(c => c.Id != customer.Id).SelectMany(c => new[]
        {
            customer.NationalId is not null && c.NationalId == customer.NationalId ? new DuplicateMatch(c.Id, c.Name, DuplicateKind.NationalId) : null,
            customer.Email is not null && c.Email == customer.Email ? new DuplicateMatch(c.Id, c.Name, DuplicateKind.Email) : null,
        }).OfType<DuplicateMatch>().ToList();
        return AutomatedChecks.Run(customer, duplicates, CheckSettings.Default, DateOnly.FromDateTime(at.UtcDateTime));
    }

    private Customer Approvable(ref DateTimeOffset at)
    {
        var customer = Create(at);
        if (customer.Status != CustomerStatus.Pending)
        {
            return customer;
        }
        foreach (var document in customer.Documents)
        {
            customer.AcceptDocument(reviewer, Later(ref at, 1, 6), document.Id);
        }
        return customer;
    }

    private Customer HostedEmpty(DateTimeOffset at)
    {
        var partner = people.Pick(Partners);
        return Customer.Create(Actor.Partner(partner.Id, partner.Name), at, new NewCustomer(
            people.Chance(0.8) ? CustomerType.Individual : CustomerType.Business,
            people.Chance(0.5) ? VerificationLevel.Basic : VerificationLevel.Advanced, VerificationModel.Hosted, partner.Id,
            $"{partner.Id[..3].ToUpperInvariant()}-{people.Digits(6)}"), Policy);
    }

    private Customer Incomplete(DateTimeOffset at)
    {
        var partner = people.Pick(Partners);
        var person = people.Person();
        person = people.Chance(0.5) ? person with { Phone = null } : person with { Address = null, NationalId = null };
        return Customer.Create(Actor.Partner(partner.Id, partner.Name), at, new NewCustomer(CustomerType.Individual,
            VerificationLevel.Basic, VerificationModel.PartnerVerified, partner.Id, $"{partner.Id[..3].ToUpperInvariant()}-{people.Digits(6)}",
            person, LivenessAttested: true), Policy);
    }

    private Customer Requested(ref DateTimeOffset at)
    {
        var customer = Approvable(ref at);
        if (customer.Status != CustomerStatus.Pending)
        {
            return customer;
        }
        var askForIdentity = customer.Type == CustomerType.Individual && customer.Level >= VerificationLevel.Basic;
        customer.RequestInformation(reviewer, Later(ref at, 2, 20),
            askForIdentity
                ? [new ChecklistRequest(RequirementCode.IdentityDocument, "The photo is blurred: send a sharp photo of the whole data page, all four corners visible.")]
                : [new ChecklistRequest(RequirementCode.Phone, "Confirm a mobile number we can reach, in international format.")],
            askForIdentity ? "We could not read your identity document. Please upload a sharper photo." : "Please confirm your phone number.");
        return customer;
    }

    private Customer Active(ref DateTimeOffset at, bool withRequests, DateOnly? passportExpires = null, Func<PersonData, PersonData>? shaped = null)
    {
        var customer = passportExpires is null && shaped is null ? Approvable(ref at) : Create(at, passportExpires: passportExpires, shaped: shaped);
        if (customer.Status != CustomerStatus.Pending)
        {
            return customer;
        }
        foreach (var document in customer.Documents.Where(d => d.State == DocumentReviewState.Received))
        {
            customer.AcceptDocument(reviewer, Later(ref at, 1, 4), document.Id);
        }
        customer.Approve(reviewer, Later(ref at, 1, 20), Policy);
        if (withRequests)
        {
            AddRequests(customer, ref at);
        }
        return customer;
    }

    private void AddRequests(Customer customer, ref DateTimeOffset at)
    {
        var partner = PartnerOf(customer);
        if (customer.Level >= VerificationLevel.Basic && people.Chance(0.7))
        {
            var card = AccessRequest.Request(partner, Later(ref at, 1, 48), customer,
                new ProductChoice(Product.Cards, people.Pick(Products.CardTypes).Id), requests).Created!;
            requests.Add(card);
            var roll = random.Next(100);
            if (roll < 45)
            {
                card.Grant(approver, Later(ref at, 2, 40), customer, Policy);
                if (people.Chance(0.12))
                {
                    card.Revoke(approver, Later(ref at, 24, 300), ["suspected_fraud"], "Your card has been cancelled after unusual activity.",
                        "Card-testing pattern: 14 declined low-value authorisations in 10 minutes.");
                }
            }
            else if (roll < 55)
            {
                card.Reject(approver, Later(ref at, 2, 40), ["risk_policy"], null, "Merchant category outside the partner's programme.");
            }
        }
        if (customer.Level == VerificationLevel.Advanced && people.Chance(0.7))
        {
            if (people.Chance(0.7))
            {
                customer.AnswerSourceOfFunds(partner, Later(ref at, 1, 24), Questionnaire(customer.Type), Policy);
            }
            var account = AccessRequest.Request(partner, Later(ref at, 1, 48), customer,
                new ProductChoice(Product.VirtualAccount, Currency: people.Pick(Products.Currencies)), requests).Created!;
            requests.Add(account);
            if (account.WhyNotGrant(approver, customer, Policy, at) is null && people.Chance(0.5))
            {
                account.Grant(approver, Later(ref at, 2, 40), customer, Policy, null, accountGrants++ % 4 == 0 ? SecondReviewRules.Default : null);
            }
        }
    }

    private SourceOfFundsAnswers Questionnaire(CustomerType type) => type == CustomerType.Individual
        ? new SourceOfFundsAnswers
        {
            Occupation = people.Pick(new[] { "Software developer", "Nurse", "Shop owner", "Accountant", "Teacher", "Logistics coordinator" }),
            EmploymentStatus = people.Pick(new[] { EmploymentStatus.Employed, EmploymentStatus.Employed, EmploymentStatus.SelfEmployed }),
            Source = people.Pick(new[] { FundsSource.Salary, FundsSource.Salary, FundsSource.SelfEmployment, FundsSource.Savings }),
            ExpectedMonthlyVolume = people.Pick(new[] { MonthlyVolume.Under1000, MonthlyVolume.From1000To10000, MonthlyVolume.From1000To10000 }),
            Purpose = people.Pick(new[] { "Receiving salary from abroad", "Paying suppliers in USD", "Saving in a stable currency" }),
        }
        : new SourceOfFundsAnswers
        {
            BusinessActivity = people.Pick(new[] { "Freight forwarding", "Online retail", "Software services", "Coffee export" }),
            Source = people.Pick(new[] { FundsSource.BusinessRevenue, FundsSource.BusinessRevenue, FundsSource.ShareholderCapital }),
            ExpectedMonthlyVolume = people.Pick(new[] { MonthlyVolume.From10000To50000, MonthlyVolume.From50000To250000 }),
            CountriesOfOperation = people.Pick(new[] { new[] { "CO" }, new[] { "CO", "PE" }, new[] { "MX", "US" } }),
        };

    private static Actor PartnerOf(Customer customer) =>
        Actor.Partner(customer.PartnerId, Partners.First(p => p.Id == customer.PartnerId).Name);

    private Customer Rejected(ref DateTimeOffset at, bool final)
    {
        var customer = Approvable(ref at);
        if (customer.Status != CustomerStatus.Pending)
        {
            return customer;
        }
        string[] codes = final
            ? [people.Pick(new[] { "sanctions_match", "duplicate_customer", "document_edited", "suspected_fraud", "unsupported_country" })]
            : [people.Pick(new[] { "name_mismatch", "document_unreadable", "placeholder_data", "missing_required_fields" })];
        var reason = Domain.ReasonCodes.ReasonCatalogue.Find(codes[0])!;
        var staged = final && finalRejections++ % 3 == 0;
        customer.Reject(reviewer, Later(ref at, 2, 30), codes, final, reason.CustomerMessage,
            staged ? "Escalating to the MLRO for the second review." : final ? "Escalated to the MLRO; decision confirmed." : "Likely a data-entry slip by the partner.",
            staged ? SecondReviewRules.Default : null);
        if (!final && people.Chance(0.3))
        {
            // A partner request arriving while the customer is rejected is turned down by the system.
            requests.Add(AccessRequest.Request(PartnerOf(customer), Later(ref at, 1, 10), customer,
                new ProductChoice(Product.Cards, "virtual-usd-visa"), requests).Created!);
        }
        return customer;
    }

    private Customer UpdateRequested(ref DateTimeOffset at)
    {
        var customer = Active(ref at, withRequests: people.Chance(0.5));
        if (customer.Status != CustomerStatus.Active || customer.Type != CustomerType.Individual)
        {
            return customer;
        }
        var moved = people.Person(customer.Person!.Nationality);
        var changed = people.Chance(0.5)
            ? customer.Person with { Address = moved.Address! with { Line2 = $"Apt {people.Between(2, 40)}" } }
            : customer.Person with { LastName = $"{customer.Person.LastName} {moved.LastName}" };
        customer.SubmitUpdate(PartnerOf(customer), Later(ref at, 24, 200), new CustomerChanges(changed));
        return customer;
    }

    private Customer OnHold(ref DateTimeOffset at, bool withWakeUp)
    {
        var customer = withWakeUp ? Approvable(ref at) : Active(ref at, withRequests: true);
        if (customer.Status is not (CustomerStatus.Pending or CustomerStatus.Active))
        {
            return customer;
        }
        var heldAt = Later(ref at, 2, 30);
        customer.PutOnHold(reviewer, heldAt,
            withWakeUp ? "Waiting for the sanctions screening provider to confirm a partial name match." : "Chargeback investigation opened by the card scheme.",
            withWakeUp ? heldAt.AddDays(people.Between(1, 10)) : null);
        return customer;
    }

    private Customer FailedCheck(ref DateTimeOffset at, string code)
    {
        var twin = code == "duplicate_national_id" ? customers.LastOrDefault(c => c.NationalId is not null) : null;
        var customer = Create(at, atLeastBasic: true, nationalId: twin?.NationalId);
        if (customer.Status != CustomerStatus.Pending)
        {
            return customer;
        }
        if (code == "name_mismatch")
        {
            // The document reader of the hosted flow compares the name it reads with the name given.
            var read = $"{customer.Name.Split(' ')[0]} {people.Person(customer.Person?.Nationality).LastName}";
            customer.RecordChecks(Actor.System, Later(ref at, 0, 1), [.. Checks(customer, at),
                new CheckResult { Code = "name_mismatch", Outcome = CheckOutcome.Fail, Detail = $"The name on the identity document reads '{read}', not '{customer.Name}'." }]);
        }
        // Some were already looked at: cleared as false positives, waiting for the rest of the review.
        var failed = customer.Checks.FirstOrDefault(c => c.IsOpen && c.Outcome == CheckOutcome.Fail);
        if (failed is not null && people.Chance(0.4))
        {
            customer.ResolveCheck(reviewer, Later(ref at, 1, 20), failed.Code, CheckVerdict.Cleared, failed.Code == "name_mismatch"
                ? "The form left out the second surname; the document shows both. Same person."
                : "The same person, onboarded again through a second partner; both accounts are theirs.");
        }
        return customer;
    }
}
