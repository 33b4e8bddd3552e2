using Onboarding.Ops.Domain.Blockers;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The domain on real SQLite: round-trips, the append-only audit table, optimistic concurrency, demo seeding.</summary>
public sealed class PersistenceTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RequirementPolicy Policy = RequirementPolicy.Default;
    private static readonly Actor Partner = Actor.Partner("lumen-wallet", "Lumen Wallet");
    private static readonly Actor Reviewer = Actor.Reviewer("r-1", "Rui Reviewer");
    private static readonly Actor OtherReviewer = Actor.Reviewer("r-2", "Rosa Revisora");

    private readonly OpsAppFactory app = shared.Start();

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private static PersonData Person() => new()
    {
        FirstName = "Chiamaka", LastName = "Okafor", BirthDate = new DateOnly(1993, 8, 12), Nationality = "NG",
        Email = "chiamaka.okafor@example.ng", Phone = "+2348031234567", NationalId = "22345678901",
        Address = new Address { Line1 = "14 Admiralty Way", Line2 = "Flat 3", City = "Lagos", State = "Lagos", PostalCode = "101233", CountryCode = "NG" },
    };

    private async Task<Customer> SavedCustomerAsync()
    {
        var customer = Customer.Create(Partner, T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Advanced,
            VerificationModel.PartnerVerified, "lumen-wallet", "LUM-000123", Person(),
            Documents: [new NewDocument(DocumentType.Passport, "NG", ExpiresOn: new DateOnly(2030, 1, 31)),
                new NewDocument(DocumentType.ProofOfAddress, "NG", IssuedOn: new DateOnly(2026, 10, 1))],
            LivenessAttested: true), Policy);
        await using var db = Db();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task Customer_FullAggregate_RoundTripsWithItsAuditTrail()
    {
        var created = await SavedCustomerAsync();
        await using (var db = Db())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == created.Id);
            customer.AcceptDocument(Reviewer, T0.AddHours(1), customer.Documents.Single(d => d.Type == DocumentType.Passport).Id);
            customer.RequestInformation(Reviewer, T0.AddHours(2), [new(RequirementCode.ProofOfAddress, "A bill from the last 3 months.")], "Please send a recent bill.");
            customer.PutOnHold(Reviewer, T0.AddHours(3), "Adverse media review", T0.AddDays(4));
            await db.SaveChangesAsync();
        }

        await using var fresh = Db();
        var loaded = await fresh.Customers.SingleAsync(c => c.Id == created.Id);

        Assert.Equal(Person(), loaded.Person);
        Assert.Equal(CustomerStatus.OnHold, loaded.Status);
        Assert.Equal("Chiamaka Okafor", loaded.Name);
        Assert.Equal([DocumentReviewState.Accepted, DocumentReviewState.Received], loaded.Documents.OrderBy(d => d.Type).Select(d => d.State));
        Assert.Equal(new DateOnly(2030, 1, 31), loaded.Documents.Single(d => d.Type == DocumentType.Passport).ExpiresOn);
        Assert.Equal("A bill from the last 3 months.", loaded.OpenChecklist.Single().Instruction);
        Assert.Equal(CustomerStatus.NeedsInformation, loaded.Hold!.HeldFrom);
        Assert.Equal(T0.AddDays(4), loaded.Hold.WakeUpAt);
        Assert.Equal(T0.AddHours(3), loaded.StatusChangedAt);
        var trail = await fresh.AuditEntries.Where(e => e.CustomerId == created.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["created", "document_accepted", "information_requested", "put_on_hold"], trail);
    }

    [Fact]
    public async Task Business_WithOwnersRejectionAndChecks_RoundTrips()
    {
        var company = new CompanyData
        {
            LegalName = "Lagoon Freight Ltd", RegistrationNumber = "RC-1234567", CountryOfIncorporation = "NG",
            Email = "finance@lagoonfreight.example", Phone = "+2348029876543",
            RegisteredAddress = new Address { Line1 = "5 Bishop Aboyade Cole Street", City = "Lagos", PostalCode = "101241", CountryCode = "NG" },
            Owners = [new BeneficialOwner { Person = Person(), OwnershipPercent = 75 }],
        };
        var customer = Customer.Create(Partner, T0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic,
            VerificationModel.Hosted, "lumen-wallet", Company: company, Documents: [new NewDocument(DocumentType.CertificateOfIncorporation, "NG")]), Policy);
        customer.RecordChecks(Actor.System, T0, [new CheckResult { Code = "duplicate_national_id", Outcome = CheckOutcome.Fail, Detail = "Owner shares an ID." }]);
        customer.Reject(Reviewer, T0.AddHours(1), ["duplicate_customer"], true, "You already have an account with us.", "Same owner as LUM-000001.");
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        await using var fresh = Db();
        var loaded = await fresh.Customers.SingleAsync(c => c.Id == customer.Id);

        Assert.Equal(company.Owners.Single(), loaded.Company!.Owners.Single());
        Assert.Equal(["duplicate_customer"], loaded.LastRejection!.ReasonCodes);
        Assert.True(loaded.LastRejection.Final);
        Assert.Equal(CheckOutcome.Fail, loaded.Checks.Single().Outcome);
    }

    [Fact]
    public async Task Documents_AddedToASavedCustomer_AreSavedAsNew()
    {
        var created = await SavedCustomerAsync();
        await using (var db = Db())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == created.Id);
            customer.RequestInformation(Reviewer, T0.AddHours(1), [new(RequirementCode.IdentityDocument, "A sharper photo.")], "Please resend.");
            customer.ProvideInformation(Partner, T0.AddHours(2),
                new CustomerChanges(Documents: [new NewDocument(DocumentType.Passport, "NG", ExpiresOn: new DateOnly(2032, 2, 2))]), Policy);
            await db.SaveChangesAsync();
        }

        await using var fresh = Db();
        var loaded = await fresh.Customers.SingleAsync(c => c.Id == created.Id);
        Assert.Equal(3, loaded.Documents.Count);
        Assert.Equal(CustomerStatus.Pending, loaded.Status);
    }

    [Fact]
    public void TheModel_HasNoChangeThisProvidersMigrationsLack()
    {
        using var db = Db();

        // Both migration sets come from the one model: a model change needs `dotnet ef migrations add` for each (README).
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes no {db.Database.ProviderName} migration makes.");
    }

    [Fact]
    public async Task AuditEntries_CannotBeUpdatedOrDeleted()
    {
        await SavedCustomerAsync();
        await using var db = Db();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Note" = 'edited'"""));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));
        var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();
        db.AuditEntries.Remove(entry);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Contains("Audit entries cannot be changed.", update.Message);
        Assert.Contains("Audit entries cannot be deleted.", delete.Message);
        await using var fresh = Db();
        Assert.True(await fresh.AuditEntries.AnyAsync(e => e.Id == entry.Id && e.Note == entry.Note));
    }

    [Fact]
    public async Task Save_StaleCustomer_IsRefusedNamingWhoChangedItAndLeavesTheDatabaseUnchanged()
    {
        var created = await SavedCustomerAsync();
        await using var first = Db();
        await using var second = Db();
        var mine = await first.Customers.SingleAsync(c => c.Id == created.Id);
        var theirs = await second.Customers.SingleAsync(c => c.Id == created.Id);
        var auditBefore = await first.AuditEntries.CountAsync();

        theirs.PutOnHold(OtherReviewer, T0.AddHours(1), "Sanctions screening", null);
        Assert.Null(await second.SaveOrConflictAsync());
        mine.Reject(Reviewer, T0.AddHours(2), ["name_mismatch"], false, "The name does not match the passport.", null);
        var conflict = await first.SaveOrConflictAsync();

        Assert.NotNull(conflict);
        Assert.Equal("Rosa Revisora", conflict.ChangedBy);
        Assert.Equal(T0.AddHours(1), conflict.ChangedAt);
        Assert.StartsWith("Rosa Revisora changed this customer at 2026-11-02 10:00 UTC", conflict.Message);
        await using var fresh = Db();
        var stored = await fresh.Customers.SingleAsync(c => c.Id == created.Id);
        Assert.Equal(CustomerStatus.OnHold, stored.Status);
        Assert.Null(stored.LastRejection);
        Assert.Equal(auditBefore + 1, await fresh.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Save_StaleAccessRequest_IsRefusedNamingWhoDecidedFirst()
    {
        var created = await SavedCustomerAsync();
        Guid requestId;
        await using (var db = Db())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == created.Id);
            foreach (var document in customer.Documents)
            {
                customer.AcceptDocument(Reviewer, T0.AddHours(1), document.Id);
            }
            customer.Approve(Reviewer, T0.AddHours(2), Policy);
            var request = AccessRequest.Request(Partner, T0.AddHours(3), customer, new ProductChoice(Product.Cards, "virtual-usd-visa"), []).Created!;
            db.AccessRequests.Add(request);
            await db.SaveChangesAsync();
            requestId = request.Id;
        }
        await using var first = Db();
        await using var second = Db();
        var mine = await first.AccessRequests.SingleAsync(r => r.Id == requestId);
        var customerForMe = await first.Customers.SingleAsync(c => c.Id == created.Id);
        var theirs = await second.AccessRequests.SingleAsync(r => r.Id == requestId);

        theirs.Reject(Actor.ProductApprover("a-2", "Paula Aprobadora"), T0.AddHours(4), ["risk_policy"], null, "Outside programme.");
        Assert.Null(await second.SaveOrConflictAsync());
        mine.Grant(Actor.ProductApprover("a-1", "Pablo Approver"), T0.AddHours(5), customerForMe, Policy);
        var conflict = await first.SaveOrConflictAsync();

        Assert.StartsWith("Paula Aprobadora changed this access request at 2026-11-02 13:00 UTC", conflict?.Message);
        await using var fresh = Db();
        Assert.Equal(AccessRequestStatus.Rejected, (await fresh.AccessRequests.SingleAsync(r => r.Id == requestId)).Status);
        Assert.DoesNotContain("access_granted", await fresh.AuditEntries.Where(e => e.SubjectId == requestId.ToString()).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task DemoData_Seeded_CoversEveryStatusWithTrueAuditTrails()
    {
        using var big = new OpsAppFactory(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "300" });
        await using var db = big.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

        var statuses = await db.Customers.Select(c => c.Status).Distinct().ToListAsync();
        var requestStatuses = await db.AccessRequests.Select(r => r.Status).Distinct().ToListAsync();
        var customersWithoutTrail = await db.Customers.CountAsync(c => !db.AuditEntries.Any(e => e.CustomerId == c.Id && e.Action == "created"));

        Assert.Equal(300 + DemoData.ScreeningCases, await db.Customers.CountAsync());
        Assert.Equal(Enum.GetValues<CustomerStatus>().Order(), statuses.Order());
        // Screened against the demo list: open hits (a person, a company's owner) and decided ones (false, PEP confirmed).
        var hits = (await db.Customers.Where(c => c.ScreenedAt != null).ToListAsync()).SelectMany(c => c.ScreeningHits).ToList();
        Assert.Equal(2, hits.Count(h => h.IsOpen));
        Assert.Contains(hits, h => h.IsOpen && h.Party == "owner 1");
        Assert.Contains(hits, h => h.Verdict == Domain.Screening.HitVerdict.FalsePositive);
        Assert.Contains(hits, h => h.Verdict == Domain.Screening.HitVerdict.TrueMatch && h.IsPep);
        // Every risk level, and some active customers due for their periodic review.
        Assert.Equal(Enum.GetValues<Domain.Risk.RiskLevel>(), (await db.Customers.Select(c => c.RiskLevel).Distinct().ToListAsync()).Order());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True(await db.Customers.CountAsync(c => c.Status == CustomerStatus.Active && c.NextReviewOn <= today) >= 2);
        Assert.Equal(Enum.GetValues<AccessRequestStatus>().Order(), requestStatuses.Order());
        Assert.Equal(0, customersWithoutTrail);
        Assert.True(await db.Customers.AnyAsync(c => c.Type == CustomerType.Business && c.Model == VerificationModel.Hosted));
        Assert.True(await db.Customers.AnyAsync(c => c.Level == VerificationLevel.Advanced && c.Model == VerificationModel.PartnerVerified));
        Assert.DoesNotContain(await db.Customers.Select(c => c.Name).ToListAsync(), n => n.Contains("Test", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Every seeded pending customer can be decided by a reviewer with what the page offers: accept the documents waiting,
    /// resolve each open check, then approve, or ask for what is still missing.
    /// </summary>
    [Fact]
    public async Task DemoData_NoPendingCustomerIsStuck()
    {
        using var big = new OpsAppFactory(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "300" });
        await using var db = big.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        // A staged decision is the second reviewer's move, not a dead end (SecondReviewTests).
        var pending = await db.Customers.AsNoTracking()
            .Where(c => c.Status == CustomerStatus.Pending && c.SubmittedAt != null && c.Queue != WorkQueue.SecondReview).ToListAsync();
        var checks = pending.SelectMany(c => c.Checks).Where(c => c.Outcome != CheckOutcome.Pass).ToList();
        var (now, reviewer, policy) = (DateTimeOffset.UtcNow, A.Reviewer, A.Policy);
        var stuck = new List<string>();

        foreach (var customer in pending)
        {
            foreach (var document in customer.Documents.Where(d => d.State == DocumentReviewState.Received).ToList())
            {
                customer.AcceptDocument(reviewer, now, document.Id);
            }
            foreach (var check in customer.Checks.Where(c => c.IsOpen).ToList())
            {
                Assert.Null(customer.WhyNotResolve(reviewer, check.Code));
                customer.ResolveCheck(reviewer, now, check.Code, CheckVerdict.Cleared, "Reviewed: a false positive.");
            }
            foreach (var hit in customer.ScreeningHits.Where(h => h.IsOpen).ToList())
            {
                Assert.Null(customer.WhyNotDecideHit(reviewer, hit.Id));
                customer.DecideHit(reviewer, now, hit.Id, Domain.Screening.HitVerdict.FalsePositive, "Reviewed: another person.");
            }
            var canAsk = customer.Outstanding(policy, DateOnly.FromDateTime(now.UtcDateTime)).Count > 0
                && customer.WhyNot(CustomerAction.RequestInformation, reviewer, policy, now) is null;
            if (customer.WhyNot(CustomerAction.Approve, reviewer, policy, now) is { } whyNot && !canAsk)
            {
                stuck.Add($"{customer.Name}: {whyNot}");
            }
        }

        Assert.True(pending.Count > 20, $"only {pending.Count} pending customers were seeded");
        Assert.Empty(stuck);
        Assert.Contains(checks, c => c.Verdict == CheckVerdict.Cleared);
        Assert.Contains(checks, c => c.IsOpen);
    }

    /// <summary>The review queue as on a working day, relative to the moment of seeding: most of it inside its SLA, a tail overdue.</summary>
    [Fact]
    public async Task DemoData_ReviewQueue_LooksLikeAWorkingDay()
    {
        using var big = new OpsAppFactory(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "300" });
        await using var db = big.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var targets = big.Services.GetRequiredService<SlaTargets>();
        var waiting = await db.Customers.AsNoTracking()
            .Where(c => c.Queue == WorkQueue.NeedsReview && (c.Status == CustomerStatus.Pending || c.Status == CustomerStatus.UpdateRequested))
            .ToListAsync();
        var states = waiting.Select(c => targets.StateOf(c, now)).ToList();

        Assert.True(waiting.Count > 40, $"only {waiting.Count} customers wait for review");
        var inside = states.Count(s => s is SlaState.OnTime or SlaState.DueSoon);
        Assert.True(inside >= waiting.Count * 0.6, $"{inside} of {waiting.Count} are inside their SLA");
        Assert.Contains(SlaState.Overdue, states);
        Assert.Contains(waiting, c => c.WaitingSince > now.AddHours(-1));
        Assert.True(waiting.Count(c => c.WaitingSince > now.AddDays(-1)) >= waiting.Count / 2, "most should have arrived within the last day");
    }

    [Fact]
    public async Task DemoData_SeededTwice_IsThereOnce()
    {
        await using var db = Db();
        var before = await db.Customers.CountAsync();

        await DemoData.SeedAsync(db, TimeProvider.System, app.Services.GetRequiredService<IConfiguration>(),
            app.Services.GetRequiredService<Data.IDocumentStore>(), app.Services.GetRequiredService<Web.Features.Screening.Screener>());

        Assert.Equal(40, before);
        Assert.Equal(before, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task DemoData_SameSeed_GivesTheSamePeopleAndStories()
    {
        using var other = new OpsAppFactory();
        other.CreateClient().Dispose();

        static async Task<List<string>> Population(OpsAppFactory factory)
        {
            await using var db = factory.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
            var rows = await db.Customers.Select(c => new { c.Name, c.Status, c.Level, c.PartnerReference }).ToListAsync();
            return [.. rows.Select(r => $"{r.Name}|{r.Status}|{r.Level}|{r.PartnerReference}").Order()];
        }

        app.CreateClient().Dispose();
        Assert.Equal(await Population(app), await Population(other));
    }
}
