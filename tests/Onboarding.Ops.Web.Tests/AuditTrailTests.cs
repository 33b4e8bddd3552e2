using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Pages.Admin;
using Onboarding.Ops.Web.Features.Audit;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The one trail, searched in the database by admins and compliance; the Audit page with its integrity panel.</summary>
public sealed class AuditTrailTests(SharedApp shared) : OpsComponentTest, IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start();

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private Task<AuditPage> SearchAsync(AuditQuery query, string? email = null) =>
        app.RunAsAsync<AuditTrail, AuditPage>(email ?? OpsAppFactory.Admin, t => t.SearchAsync(query));

    [Fact]
    public async Task TheTrail_HoldsEveryKindOfSubject_NewestFirst()
    {
        var page = await SearchAsync(new AuditQuery());

        Assert.Equal(AuditTrail.PageSize, page.Entries.Count);
        Assert.Equal(page.Entries.OrderByDescending(e => e.Id).Select(e => e.Id), page.Entries.Select(e => e.Id));
        await using var db = Db();
        var kinds = await db.AuditEntries.Select(e => e.SubjectType).Distinct().ToListAsync();
        // The demo's start alone writes customers' and access requests' entries.
        Assert.Contains("customer", kinds);
        Assert.Contains("access_request", kinds);
        Assert.All(kinds, kind => Assert.Contains(AuditTrail.SubjectTypes, t => t.Type == kind));
    }

    [Fact]
    public async Task EachFilter_KeepsOnlyWhatItNames_AndOlderPagesFollow()
    {
        await using var db = Db();
        var customer = await db.AuditEntries.Where(e => e.SubjectType == "customer").Select(e => e.CustomerId!.Value).FirstAsync();
        var partner = await db.Customers.Where(c => c.Id == customer).Select(c => c.PartnerId).SingleAsync();
        var approved = await db.AuditEntries.CountAsync(e => e.Action == "approved");

        var bySubject = await SearchAsync(new AuditQuery { SubjectId = customer.ToString() });
        var byAction = await SearchAsync(new AuditQuery { Action = "approved" });
        var byActor = await SearchAsync(new AuditQuery { Actor = "Rui Reviewer" });
        var byPartner = await SearchAsync(new AuditQuery { PartnerId = partner });
        var empty = await SearchAsync(new AuditQuery { From = new DateOnly(2001, 1, 1), To = new DateOnly(2001, 1, 2) });
        var first = await SearchAsync(new AuditQuery());
        var second = await SearchAsync(new AuditQuery { Before = first.Older });

        Assert.All(bySubject.Entries, e => Assert.Equal(customer, e.CustomerId));
        Assert.Equal(Math.Min(approved, AuditTrail.PageSize), byAction.Entries.Count);
        Assert.All(byActor.Entries, e => Assert.Equal("Rui Reviewer", e.ActorName));
        Assert.NotEmpty(byPartner.Entries);
        Assert.Empty(empty.Entries);
        Assert.True(second.Entries[0].Id < first.Entries[^1].Id);
        Assert.Equal(first.Entries[^1].Id, first.Older);
    }

    [Theory]
    [InlineData(StaffRoles.Admin, true)]
    [InlineData(StaffRoles.Compliance, true)]
    [InlineData(StaffRoles.Reviewer, false)]
    [InlineData(StaffRoles.Support, false)]
    [InlineData(StaffRoles.ProductApprover, false)]
    public async Task OnlyAdminsAndCompliance_ReadTheTrail(string role, bool allowed)
    {
        var email = OpsAppFactory.DemoEmailByRole[role];
        var search = SearchAsync(new AuditQuery(), email);
        var integrity = app.RunAsAsync<AuditTrail, (AuditVerificationRun?, AuditCheckpoint?)>(email, t => t.IntegrityAsync());

        if (allowed)
        {
            Assert.NotEmpty((await search).Entries);
            await integrity;
        }
        else
        {
            await Assert.ThrowsAsync<StaffForbiddenException>(() => search);
            await Assert.ThrowsAsync<StaffForbiddenException>(() => integrity);
        }
    }

    [Fact]
    public async Task CheckpointDownload_IsForAdminsAndCompliance_AndAudited()
    {
        await app.Services.GetRequiredService<AuditJobs>().CheckpointAsync();
        using var compliance = await app.SignedInClientAsync(OpsAppFactory.DemoEmailByRole[StaffRoles.Compliance]);
        using var reviewer = await app.SignedInClientAsync(OpsAppFactory.Reviewer);

        var file = await compliance.GetAsync(AuditTrail.CheckpointPath);
        var refused = await reviewer.GetAsync(AuditTrail.CheckpointPath);

        Assert.Equal("application/json", file.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual("application/json", refused.Content.Headers.ContentType?.MediaType);
        await using var db = Db();
        var latest = await db.AuditCheckpoints.OrderByDescending(c => c.Sequence).FirstAsync();
        Assert.Contains(latest.Hash, await file.Content.ReadAsStringAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "checkpoint_exported"));
    }

    [Fact]
    public async Task TheDemoDatabase_IsSealedAndVerifiedClean_AtStartUp()
    {
        using var fresh = new OpsAppFactory();
        fresh.CreateClient().Dispose();

        // The background job's first round: a checkpoint, then the whole trail verified.
        AuditVerificationRun? run = null;
        for (var attempt = 0; attempt < 150 && run is null; attempt++)
        {
            await using var db = fresh.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
            run = await db.Set<AuditVerificationRun>().FirstOrDefaultAsync(r => r.RunBy == "schedule");
            await Task.Delay(run is null ? 200 : 0);
        }
        Assert.NotNull(run);
        Assert.True(run.Passed, run.Problems);
        Assert.True(run.Entries > 100 && run.Checkpoints >= 1, $"{run.Entries} entries, {run.Checkpoints} checkpoints");
    }

    private IRenderedComponent<Audit> RenderAudit(string url)
    {
        UseDatabaseOf(app);
        Context.Services.AddSingleton(app.Services.GetRequiredService<AuditVerifier>());
        Context.Services.AddScoped<AuditTrail>();
        SignInAs(StaffRoles.Compliance);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Context.Render<Audit>();
    }

    [Fact]
    public async Task ThePage_ShowsTheLastVerification_TheCheckpointHash_AndTheEntriesOfTheSearch()
    {
        await app.Services.GetRequiredService<AuditJobs>().CheckpointAsync();
        var run = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync("test");

        var page = RenderAudit("/admin/audit?action=approved");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-entry]")), TimeSpan.FromSeconds(10));
        Assert.True(run.Passed, run.Problems);
        Assert.NotNull(page.Find("[data-testid=verification-passed]"));
        Assert.Equal(run.CheckpointHash, page.Find("[data-testid=checkpoint-hash]").TextContent);
        Assert.All(page.FindAll("[data-entry] td:nth-child(3)"), cell => Assert.Equal("approved", cell.TextContent.Trim()));
        Assert.All(page.FindAll("[data-entry] td:nth-child(4) a"), link => Assert.StartsWith("/customers/", link.GetAttribute("href")));
    }

    [Fact]
    public async Task AFailedVerification_IsAnAlarm_OnThePage()
    {
        await using (var db = Db())
        {
            db.Set<AuditVerificationRun>().Add(new AuditVerificationRun
            {
                StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow, RunBy = "schedule", Passed = false,
                Problems = "Entry #12 (customer x, place 3) was changed after it was written: its content or place does not match its hash.",
            });
            await db.SaveChangesAsync();
        }

        var page = RenderAudit("/admin/audit");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=verification-failed]")), TimeSpan.FromSeconds(10));
        Assert.Contains("Entry #12 (customer x, place 3) was changed", page.Find("[data-testid=verification-problems]").TextContent);
    }
}
