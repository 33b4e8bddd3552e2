using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Reports;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The reports, from a trail whose every time is known: outcomes per day, staff time, SLA, reasons, people, products.</summary>
public sealed class ReportsTests : IAsyncLifetime, IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly OpsAppFactory app;

    public ReportsTests(SharedApp shared) =>
        app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, new FakeTimeProvider(Now));

    private static Customer Pending(DateTimeOffset at, string first, string partner) => Customer.Create(Actor.Partner(partner, partner), at,
        new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified, partner, $"REF-{first}",
            A.Person(first, "Report") with { Email = $"{first}@example.com".ToLowerInvariant(), NationalId = $"ID-{first}" },
            Documents: [A.Passport()], LivenessAttested: true), A.Policy);

    public async Task InitializeAsync()
    {
        // Approved six hours after it arrived.
        var quick = Pending(Day, "Quick", "lumen-wallet");
        quick.AcceptDocument(A.Reviewer, Day.AddHours(1), quick.Documents[0].Id);
        quick.Approve(A.Reviewer, Day.AddHours(6), A.Policy);
        var card = A.CardRequest(quick, Day.AddHours(7));
        card.Grant(A.Approver, Day.AddHours(8), quick, A.Policy);

        // An hour of review, three days waiting on the customer (not staff time), thirty hours more, then rejected: 31 h, past 24 h.
        var slow = Pending(Day.AddDays(1), "Slow", "paygo-mobile");
        slow.RequestInformation(A.Reviewer, Day.AddDays(1).AddHours(1), [new(RequirementCode.IdentityDocument, "A sharper photo.")], "Please resend.");
        slow.ProvideInformation(A.EndUser, Day.AddDays(4).AddHours(1), new CustomerChanges(Documents: [A.Passport()]), A.Policy);
        slow.Reject(A.Reviewer, Day.AddDays(5).AddHours(7), ["document_unreadable"], false, "We could not read your document.", null);

        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        db.Customers.AddRange(quick, slow);
        db.AccessRequests.Add(card);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, ReportTable>> BuildAsync(ReportPeriod period, string as_ = "") =>
        (await app.RunAsAsync<OpsReports, IReadOnlyList<ReportTable>>(as_ == "" ? OpsAppFactory.Admin : as_, r => r.BuildAsync(period)))
        .ToDictionary(t => t.Key);

    private static string Cell(ReportTable table, string row, string column) =>
        table.Rows.Single(r => r[0] == row)[Array.IndexOf(table.Columns, column)];

    [Fact]
    public async Task Reports_FromTheTrail_CountEachOutcome_AndTimeOnlyTheStaffsPart()
    {
        var reports = await BuildAsync(new ReportPeriod(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 20)));

        Assert.Equal(OpsReports.Keys, reports.Keys);
        var decisions = reports["decisions"];
        Assert.Equal(12, decisions.Rows.Count);
        Assert.Equal("1", Cell(decisions, "2026-11-10", "Approved"));
        Assert.Equal("1", Cell(decisions, "2026-11-11", "Information requested"));
        Assert.Equal("1", Cell(decisions, "2026-11-15", "Rejected"));
        Assert.Equal(3, decisions.Rows.Sum(r => r.Skip(1).Sum(int.Parse)));

        var time = reports["time-to-decision"];
        Assert.Equal("6.0", Cell(time, "Median (p50)", "Hours"));
        Assert.Equal("31.0", Cell(time, "p90", "Hours"));
        Assert.Equal("2", Cell(time, "Decisions", "Hours"));

        var breaches = reports["sla-breaches"];
        Assert.Equal(["2", "1"], [Cell(breaches, "2026-11-09", "Decisions"), Cell(breaches, "2026-11-09", "Past their SLA")]);
        Assert.Equal("1", Cell(reports["rejection-reasons"], "document_unreadable", "Rejections"));
        var reviewer = reports["reviewers"].Rows.Single(r => r[0] == A.Reviewer.Name);
        Assert.Equal(["3", "1", "1", "1", "0"], reviewer[1..]);
        Assert.Equal("1", Cell(reports["access-outcomes"], "Card access", "Granted"));
    }

    [Fact]
    public async Task Reports_ForOnePartner_CountOnlyItsCustomers()
    {
        var reports = await BuildAsync(new ReportPeriod(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 20), "paygo-mobile"));

        Assert.Equal(2, reports["decisions"].Rows.Sum(r => r.Skip(1).Sum(int.Parse)));
        Assert.Equal("31.0", Cell(reports["time-to-decision"], "Median (p50)", "Hours"));
        Assert.Equal("0", Cell(reports["access-outcomes"], "Card access", "Granted"));
    }

    [Fact]
    public async Task Reports_OfDecisionsMadeBeforeTheStaffClock_TimeThemFromTheStatusChanges()
    {
        // A trail written before decisions carried their staff time: two hours, a day waiting on the customer, three hours.
        var id = Guid.NewGuid();
        var day = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        AuditEntryOf Entry = (at, action, before, after) => Domain.Audit.AuditEntry.Create(A.Reviewer, at, Customer.SubjectType, id.ToString(), id, action, before, after);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            db.AuditEntries.AddRange(
                Entry(day, "created", null, "pending"),
                Entry(day.AddHours(2), "information_requested", "pending", "needs_information"),
                Entry(day.AddDays(1).AddHours(2), "resubmitted", "needs_information", "pending"),
                Entry(day.AddDays(1).AddHours(5), "approved", "pending", "active"));
            await db.SaveChangesAsync();
        }

        var reports = await BuildAsync(new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5)));

        Assert.Null((await Legacy()).StaffSeconds);
        Assert.Equal("5.0", Cell(reports["time-to-decision"], "Median (p50)", "Hours"));
        Assert.Equal(["1", "0"], [Cell(reports["sla-breaches"], "2026-11-02", "Decisions"), Cell(reports["sla-breaches"], "2026-11-02", "Past their SLA")]);

        async Task<Domain.Audit.AuditEntry> Legacy()
        {
            await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
            return await db.AuditEntries.SingleAsync(e => e.CustomerId == id && e.Action == "approved");
        }
    }

    private delegate Domain.Audit.AuditEntry AuditEntryOf(DateTimeOffset at, string action, string? before, string after);

    /// <summary>Keeps the closed days' tallies as the app's background round does, waiting out a round already at it.</summary>
    private async Task<int> RollUpAsync()
    {
        var rollups = app.Services.GetRequiredService<ReportRollups>();
        while (true)
        {
            if (await rollups.RollUpAsync() is { } days)
            {
                return days;
            }
            await Task.Delay(50);
        }
    }

    private static string[][] Rows(Dictionary<string, ReportTable> reports) => [.. reports.Values.SelectMany(t => t.Rows.Select(r => (string[])[t.Key, .. r]))];

    [Theory]
    [InlineData(null)]
    [InlineData("paygo-mobile")]
    public async Task Reports_FromTheKeptTallies_AreTheSameAsCountedFromTheTrail(string? partner)
    {
        var period = new ReportPeriod(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 20), partner);
        var counted = await BuildAsync(period);

        await RollUpAsync();
        var kept = await BuildAsync(period);

        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var rollup = await db.Set<ReportRollup>().SingleAsync();
        Assert.Equal(new DateOnly(2026, 11, 20), rollup.RolledThrough);
        Assert.Equal(await db.AuditEntries.MaxAsync(e => e.Id), rollup.ThroughEntryId);
        var approved = await db.Set<ReportTally>().SingleAsync(t => t.Day == new DateOnly(2026, 11, 10) && t.Series == ReportTallies.Decision && t.Key == "approved");
        Assert.Equal(("lumen-wallet", A.Reviewer.Name, 1), (approved.PartnerId, approved.Detail, approved.Count));
        Assert.Equal(Rows(counted), Rows(kept));
    }

    [Fact]
    public async Task Reports_CountAnEntrySavedForAKeptDay_Once_AndTheNextRoundKeepsItsDayAgain()
    {
        await RollUpAsync();
        var period = new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20));
        var id = Guid.NewGuid();
        var day = new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            // Saved now for a day already kept (as a fake clock or a late writer would).
            db.AuditEntries.AddRange(
                Domain.Audit.AuditEntry.Create(A.Reviewer, day, Customer.SubjectType, id.ToString(), id, "created", null, "pending"),
                Domain.Audit.AuditEntry.Create(A.Reviewer, day.AddHours(2), Customer.SubjectType, id.ToString(), id, "approved", "pending", "active"));
            await db.SaveChangesAsync();
        }

        var late = await BuildAsync(period);
        var days = await RollUpAsync();
        var keptAgain = await BuildAsync(period);

        Assert.Equal("1", Cell(late["decisions"], "2026-11-03", "Approved"));
        Assert.Equal(17, days);
        Assert.Equal(Rows(late), Rows(keptAgain));
        Assert.Equal(0, await RollUpAsync());
    }

    [Fact]
    public async Task Reports_ForAPeriodWithNothing_AreEmpty_NotMissing()
    {
        var reports = await BuildAsync(new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 7)));

        Assert.Equal(7, reports["decisions"].Rows.Count);
        Assert.All(reports["decisions"].Rows, r => Assert.All(r.Skip(1), c => Assert.Equal("0", c)));
        Assert.Equal("—", Cell(reports["time-to-decision"], "Median (p50)", "Hours"));
        Assert.Empty(reports["rejection-reasons"].Rows);
    }

    [Theory]
    [InlineData("from=2026-11-20&to=2026-11-01")]
    [InlineData("from=2024-01-01&to=2026-11-01")]
    [InlineData("from=nonsense")]
    public void Period_BackwardsTooLongOrMalformed_IsTheLast30Days(string query) =>
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 20)), ReportPeriod.FromQueryString("?" + query, new DateOnly(2026, 11, 20)));

    [Theory]
    [InlineData(StaffRoles.Reviewer)]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.ProductApprover)]
    public async Task Reports_ForAnyoneButAnAdmin_AreRefusedOnTheServer(string role) =>
        await Assert.ThrowsAsync<StaffForbiddenException>(() => BuildAsync(new ReportPeriod(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 20)),
            OpsAppFactory.DemoEmailByRole[role]));

    [Fact]
    public async Task ReportCsv_ForAnAdmin_IsTheTable_AndTheDownloadIsAudited()
    {
        using var admin = await app.SignedInClientAsync(OpsAppFactory.Admin);
        var period = new ReportPeriod(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 20));

        var response = await admin.GetAsync(ReportExport.UrlOf("rejection-reasons", period));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["Reason,Rejections", "document_unreadable,1"],
            (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var audit = await db.AuditEntries.Where(e => e.Action == "report_exported").OrderByDescending(e => e.Id).FirstAsync();
        Assert.Contains("\"report\":\"rejection-reasons\"", audit.Details);
    }

    [Fact]
    public async Task ReportCsv_ForAReviewer_OrAnUnknownReport_GivesNoFile()
    {
        using var reviewer = await app.SignedInClientAsync(OpsAppFactory.Reviewer);
        using var admin = await app.SignedInClientAsync(OpsAppFactory.Admin);

        var asReviewer = await reviewer.GetAsync("/reports/decisions.csv");
        var unknown = await admin.GetAsync("/reports/salaries.csv");

        Assert.NotEqual("text/csv", asReviewer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
