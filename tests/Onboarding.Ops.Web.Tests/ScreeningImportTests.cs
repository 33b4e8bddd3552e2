using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Screening;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Demo;
using Onboarding.Ops.Web.Features.Screening;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Lists imported as versions in the background, customers screened again, on the real database.</summary>
public sealed class ScreeningImportTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(1);
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, new FakeTimeProvider(Now));

    private static readonly PersonData Sidorenko = A.Person("Ivan", "Sidorenko") with { BirthDate = new DateOnly(1961, 4, 12), Nationality = "RU" };
    private static readonly PersonData Quintanar = A.Person("Marisol", "Quintanar") with { BirthDate = new DateOnly(1990, 2, 1) };

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private async Task<Customer> SavedAsync(Customer customer)
    {
        await using var db = Db();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    private static Customer PendingAs(PersonData person) => Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual,
        VerificationLevel.Basic, VerificationModel.PartnerVerified, "lumen-wallet", Person: person, Documents: [A.Passport()], LivenessAttested: true), A.Policy);

    private Task<ImportResult> ImportAsync(string name, string fileName, string content, string? who = null) =>
        app.RunAsAsync<ScreeningLists, ImportResult>(who ?? OpsAppFactory.Admin, lists => lists.ImportAsync(name, fileName, Encoding.UTF8.GetBytes(content)));

    private async Task<int> RunImportsAsync() => await app.Services.GetRequiredService<ScreeningImports>().RunOnceAsync();

    private Task<QueuePage> ScreeningHitsViewAsync() =>
        app.RunAsAsync<CustomerQueue, QueuePage>(OpsAppFactory.Reviewer, q => q.PageAsync(new QueueFilter { View = QueueView.ScreeningHits }));

    private async Task<Customer> LoadAsync(Guid id)
    {
        await using var db = Db();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task AnImport_IsReadInTheBackground_AndEveryActiveAndUndecidedCustomerIsScreenedAgain()
    {
        var pending = await SavedAsync(PendingAs(Sidorenko));
        var rejected = PendingAs(Sidorenko);
        rejected.Reject(A.Reviewer, A.T0.AddHours(1), ["name_mismatch"], false, "The name does not match the document.", null, null);
        await SavedAsync(rejected);
        var unrelated = await SavedAsync(PendingAs(A.Person("Lucía", "Fernández")));

        var queued = await ImportAsync("Demo sanctions", "demo-targets.simple.csv", await File.ReadAllTextAsync(DemoData.DemoListPath));
        Assert.Null(queued.Refused);
        Assert.Equal((ScreeningListState.Queued, 1), (queued.Queued!.State, queued.Queued.Version));
        await RunImportsAsync();

        await using var db = Db();
        var list = await db.Set<ScreeningList>().SingleAsync();
        Assert.Equal((ScreeningListState.Ready, 5, 4, 1), (list.State, list.Entries, list.Persons, list.Pep));
        Assert.Equal((2, 2, 1, Now), (list.RescreenTotal, list.RescreenDone, list.RescreenHits, list.RescreenedAt));
        var hit = Assert.Single((await LoadAsync(pending.Id)).ScreeningHits);
        Assert.Equal(("demo-p-001", "Demo sanctions", 1, (HitVerdict?)null), (hit.EntryId, hit.List, hit.ListVersion, hit.Verdict));
        Assert.Contains("birth date", hit.Matched);
        Assert.Equal("Demo sanctions v1", (await LoadAsync(unrelated.Id)).ScreenedAgainst);
        Assert.Empty((await LoadAsync(unrelated.Id)).ScreeningHits);
        Assert.Null((await LoadAsync(rejected.Id)).ScreenedAt);
        var view = await ScreeningHitsViewAsync();
        Assert.Equal([pending.Id], view.Rows.Select(r => r.Id));
        Assert.Equal(["screening_list_imported", "screening_list_queued", "screening_list_rescreened"],
            (await db.AuditEntries.Where(e => e.SubjectType == ScreeningImports.Subject).Select(e => e.Action).ToListAsync()).Order());
        Assert.Equal(0, await RunImportsAsync()); // nothing left to do
    }

    [Fact]
    public async Task AFileWithUnreadableLines_IsRefusedWhole_WithEachLineAndWhy()
    {
        var customer = await SavedAsync(PendingAs(Sidorenko));
        const string csv = """
            id,schema,name,birth_date,countries,sanctions,dataset
            ok-1,Person,Ivan Sidorenko,1961,ru,Programme A,demo
            bad-1,Person,,1970,ru,Programme A,demo
            bad-2,Person,Olga Petrova,31/12/1970,ru,Programme A,demo
            """;

        await ImportAsync("Demo sanctions", "broken.csv", csv);
        await RunImportsAsync();

        await using var db = Db();
        var list = await db.Set<ScreeningList>().SingleAsync();
        Assert.Equal((ScreeningListState.Refused, 2, 0), (list.State, list.ProblemCount, list.Entries));
        Assert.StartsWith("line 3: ", list.Problems);
        Assert.Contains("line 4: ", list.Problems);
        Assert.Null((await LoadAsync(customer.Id)).ScreenedAt); // nothing of the file was used
        Assert.Contains(await db.AuditEntries.Select(e => e.Action).ToListAsync(), a => a == "screening_list_refused");
    }

    [Fact]
    public async Task ANewVersion_InFollowTheMoneyLines_SupersedesTheLast_AndAHitDecidedFalseIsNotRaisedAgain()
    {
        var customer = await SavedAsync(PendingAs(Sidorenko));
        await ImportAsync("Demo sanctions", "demo.csv", await File.ReadAllTextAsync(DemoData.DemoListPath));
        await RunImportsAsync();
        var hit = Assert.Single((await LoadAsync(customer.Id)).ScreeningHits);
        await using (var db = Db())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.DecideHit(A.Reviewer, Now, hit.Id, HitVerdict.FalsePositive, "Another Ivan Sidorenko: different passport country.");
            await db.SaveChangesAsync();
        }
        const string ftm = """
            {"id":"demo-p-001","schema":"Person","properties":{"name":["Ivan Petrovich Sidorenko"],"birthDate":["1961-04-12"],"nationality":["ru"],"program":["Fictional Sanctions Programme A"]},"datasets":["demo_sanctions"]}
            {"id":"demo-p-777","schema":"Person","properties":{"name":["Marisol Quintanar"],"topics":["role.pep"]},"datasets":["demo_peps"]}
            """;

        var queued = await ImportAsync("Demo sanctions", "entities.ftm.json", ftm);
        await RunImportsAsync();

        Assert.Equal(2, queued.Queued!.Version);
        await using var after = Db();
        Assert.Equal([ScreeningListState.Superseded, ScreeningListState.Ready],
            await after.Set<ScreeningList>().OrderBy(l => l.Version).Select(l => l.State).ToListAsync());
        var kept = Assert.Single((await LoadAsync(customer.Id)).ScreeningHits);
        Assert.Empty((await ScreeningHitsViewAsync()).Rows); // decided, and not raised again
        Assert.Equal((HitVerdict.FalsePositive, 2, 0), (kept.Verdict!.Value, kept.ListVersion, (await LoadAsync(customer.Id)).OpenHits));
    }

    [Fact]
    public async Task ASubmission_IsScreened_AgainstTheReadyLists()
    {
        await ImportAsync("Demo sanctions", "demo.csv", await File.ReadAllTextAsync(DemoData.DemoListPath));
        await RunImportsAsync();

        var (customer, _, refused) = await app.Services.GetRequiredService<Web.Features.Customers.CustomerIntake>()
            .CreateAsync(Db(), A.Partner, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified,
                "lumen-wallet", Person: Quintanar with { FirstName = "Teodora", LastName = "Vasquez Linde", BirthDate = new DateOnly(1982, 2, 14) },
                Documents: [A.Passport()], LivenessAttested: true));

        Assert.Null(refused);
        var hit = Assert.Single((await LoadAsync(customer!.Id)).ScreeningHits);
        Assert.True(hit.IsPep);
    }

    [Fact]
    public async Task OnlyAdminsImport_AndBadInputChangesNothing()
    {
        foreach (var role in new[] { OpsAppFactory.Reviewer, OpsAppFactory.Support, OpsAppFactory.ProductApprover, OpsAppFactory.DemoEmailByRole[StaffRoles.Compliance] })
        {
            await Assert.ThrowsAsync<StaffForbiddenException>(() => ImportAsync("Demo sanctions", "demo.csv", "id,schema,name\n", role));
        }
        Assert.Equal("Give the list a name, e.g. \"OpenSanctions sanctions\".", (await ImportAsync(" ", "demo.csv", "id,schema,name\n")).Refused);
        Assert.Equal("The file is empty.", (await ImportAsync("Demo", "demo.csv", "")).Refused);
        Assert.StartsWith("Import an OpenSanctions simple CSV", (await ImportAsync("Demo", "demo.xlsx", "x")).Refused);
        await using var db = Db();
        Assert.Equal(0, await db.Set<ScreeningList>().CountAsync());
    }
}
