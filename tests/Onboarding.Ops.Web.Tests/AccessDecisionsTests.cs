using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.AccessRequests;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Product access decisions through the feature services, on real SQLite.</summary>
public sealed class AccessDecisionsTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(1);
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, new FakeTimeProvider(Now));

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    /// <summary>An active customer with a ready card request, saved.</summary>
    private async Task<(Customer Customer, AccessRequest Request)> ReadyCardAsync()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        await using var db = Db();
        db.Customers.Add(customer);
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync();
        return (customer, request);
    }

    private async Task<AccessRequest> LoadAsync(Guid id)
    {
        await using var db = Db();
        return await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private Task<T> As<T>(string email, Func<AccessDecisions, Task<T>> act) => app.RunAsAsync(email, act);

    [Fact]
    public async Task Grant_ReadyRequest_IsGrantedAndAudited()
    {
        var (_, request) = await ReadyCardAsync();

        var result = await As(OpsAppFactory.ProductApprover, d => d.GrantAsync(request.Id, request.Version));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(AccessRequestStatus.Granted, (await LoadAsync(request.Id)).Status);
        await using var db = Db();
        Assert.Contains("access_granted", await db.AuditEntries.Where(e => e.SubjectId == request.Id.ToString()).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Grant_CustomerNoLongerActive_IsRefusedAndTheRequestShowsBlocked()
    {
        var (customer, request) = await ReadyCardAsync();
        await using (var db = Db())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.PutOnHold(A.Reviewer, Now, "Chargeback investigation", null);
            await db.SaveChangesAsync();
        }

        var result = await As(OpsAppFactory.ProductApprover, d => d.GrantAsync(request.Id, request.Version));
        var blocked = await app.RunAsAsync<AccessRequestQueue, AccessPage>(OpsAppFactory.ProductApprover, q => q.PageAsync(new AccessFilter(AccessView.Blocked)));

        Assert.Equal(DecisionOutcome.Refused, result.Outcome);
        Assert.Contains("the customer is on hold", result.Message);
        Assert.Equal(AccessRequestStatus.Requested, (await LoadAsync(request.Id)).Status);
        Assert.Equal("Customer on hold", blocked.Rows.Single().Readiness);
    }

    [Fact]
    public async Task RejectThenRevoke_FollowTheRules()
    {
        var (_, rejectMe) = await ReadyCardAsync();
        var (_, revokeMe) = await ReadyCardAsync();
        await As(OpsAppFactory.ProductApprover, d => d.GrantAsync(revokeMe.Id, revokeMe.Version));

        var rejected = await As(OpsAppFactory.ProductApprover, d => d.RejectAsync(rejectMe.Id, rejectMe.Version, ["questionnaire_incomplete"], null, "No volumes given."));
        var revoked = await As(OpsAppFactory.Admin, async d => await d.RevokeAsync(revokeMe.Id, (await LoadAsync(revokeMe.Id)).Version,
            ["suspected_fraud"], "Your card has been cancelled.", "Card testing."));
        // Revoking a granted access needs four eyes (the default rules): the admin's revocation waits for a second approver.
        Assert.Equal(Decision.StagedMessage, revoked.Message);
        Assert.Equal(AccessRequestStatus.Granted, (await LoadAsync(revokeMe.Id)).Status);
        var confirmed = await As(OpsAppFactory.ProductApprover, async d => await d.ConfirmStagedAsync(revokeMe.Id, (await LoadAsync(revokeMe.Id)).Version));
        Assert.True(confirmed.Succeeded, confirmed.Message);
        var revokeAgain = await As(OpsAppFactory.Admin, async d => await d.RevokeAsync(revokeMe.Id, (await LoadAsync(revokeMe.Id)).Version,
            ["risk_policy"], "Cancelled.", null));

        Assert.True(rejected.Succeeded && revoked.Succeeded);
        Assert.Equal(AccessRequestStatus.Rejected, (await LoadAsync(rejectMe.Id)).Status);
        Assert.Equal(AccessRequestStatus.Revoked, (await LoadAsync(revokeMe.Id)).Status);
        Assert.Equal("Revoke is unavailable: the request is revoked, not granted.", revokeAgain.Message);
    }

    [Fact]
    public async Task BulkGrant_OneRequestTurnedStaleMidWay_IsSkippedAndReportedTheOthersGranted()
    {
        var ready = new List<(Customer Customer, AccessRequest Request)>();
        for (var i = 0; i < 3; i++)
        {
            ready.Add(await ReadyCardAsync());
        }
        var listed = await app.RunAsAsync<AccessRequestQueue, AccessPage>(OpsAppFactory.ProductApprover, q => q.PageAsync(new AccessFilter()));
        Assert.Equal(3, listed.Rows.Count);
        // Between listing and granting, a reviewer puts the second customer on hold.
        await using (var db = Db())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == ready[1].Customer.Id);
            customer.PutOnHold(A.Reviewer, Now, "Adverse media", null);
            await db.SaveChangesAsync();
        }

        var result = await As(OpsAppFactory.ProductApprover, d => d.BulkGrantAsync([.. listed.Rows.Select(r => (r.Id, r.Version))]));

        Assert.Equal(2, result.Granted.Count);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(ready[1].Request.Id, skipped.Id);
        Assert.Contains("on hold", skipped.Reason);
        Assert.Equal(AccessRequestStatus.Requested, (await LoadAsync(ready[1].Request.Id)).Status);
        await using var check = Db();
        Assert.Equal(2, await check.AuditEntries.CountAsync(e => e.Action == "access_granted"));
    }

    [Fact]
    public async Task Queue_ViewsAndFilters_SplitReadyBlockedAndDecided()
    {
        var (_, granted) = await ReadyCardAsync();
        await As(OpsAppFactory.ProductApprover, d => d.GrantAsync(granted.Id, granted.Version));
        var (_, ready) = await ReadyCardAsync();
        var advanced = A.Active();
        var account = AccessRequest.Request(A.Partner, A.T0.AddHours(6), advanced, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;
        await using (var db = Db())
        {
            db.Customers.Add(advanced);
            db.AccessRequests.Add(account);
            await db.SaveChangesAsync();
        }

        Task<AccessPage> Page(AccessFilter filter) => app.RunAsAsync<AccessRequestQueue, AccessPage>(OpsAppFactory.ProductApprover, q => q.PageAsync(filter));

        Assert.Equal([ready.Id], (await Page(new AccessFilter())).Rows.Select(r => r.Id));
        var blocked = Assert.Single((await Page(new AccessFilter(AccessView.Blocked))).Rows);
        Assert.Equal((account.Id, "Verification level advanced: failed"), (blocked.Id, blocked.Readiness));
        Assert.Equal([granted.Id], (await Page(new AccessFilter(AccessView.Granted))).Rows.Select(r => r.Id));
        Assert.Equal(3, (await Page(new AccessFilter(AccessView.All))).Total);
        Assert.Equal([account.Id], (await Page(new AccessFilter(AccessView.All, Product.VirtualAccount, "EUR"))).Rows.Select(r => r.Id));
        var counts = await app.RunAsAsync<AccessRequestQueue, IReadOnlyDictionary<AccessView, int>>(OpsAppFactory.Admin, q => q.CountsAsync());
        Assert.Equal((1, 1, 1, 3), (counts[AccessView.Ready], counts[AccessView.Blocked], counts[AccessView.Granted], counts[AccessView.All]));
    }

    [Fact]
    public async Task TwoApproversAtOnce_OneDecisionWins()
    {
        var (_, request) = await ReadyCardAsync();

        var results = await Task.WhenAll(
            Task.Run(() => As(OpsAppFactory.ProductApprover, d => d.GrantAsync(request.Id, request.Version))),
            Task.Run(() => As(OpsAppFactory.Admin, d => d.RejectAsync(request.Id, request.Version, ["risk_policy"], null, null))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Outcome == DecisionOutcome.Conflict);
        await using var db = Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.SubjectId == request.Id.ToString() && (e.Action == "access_granted" || e.Action == "access_rejected")));
    }

    public static TheoryData<string, string> EveryActionAndRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in new[] { "queue", "get", "grant", "reject", "revoke", "bulk" })
        {
            foreach (var role in StaffRoles.All)
            {
                data.Add(action, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActionAndRole))]
    public async Task Action_AsRole_IsAllowedOnlyForProductApproversAndAdmins(string action, string role)
    {
        var (_, request) = await ReadyCardAsync();
        var allowed = role is StaffRoles.ProductApprover or StaffRoles.Admin;

        var thrown = await Record.ExceptionAsync(() => app.RunAsAsync<object?>(OpsAppFactory.DemoEmailByRole[role], async services =>
        {
            var decisions = services.GetRequiredService<AccessDecisions>();
            return action switch
            {
                "queue" => await services.GetRequiredService<AccessRequestQueue>().PageAsync(new AccessFilter()),
                "get" => await decisions.GetAsync(request.Id),
                "grant" => await decisions.GrantAsync(request.Id, request.Version),
                "reject" => await decisions.RejectAsync(request.Id, request.Version, ["risk_policy"], null, null),
                "revoke" => await decisions.RevokeAsync(request.Id, request.Version, ["risk_policy"], "Cancelled.", null),
                _ => await decisions.BulkGrantAsync([(request.Id, request.Version)]),
            };
        }));

        if (allowed)
        {
            Assert.Null(thrown);
        }
        else
        {
            Assert.IsType<StaffForbiddenException>(thrown);
            Assert.Equal(AccessRequestStatus.Requested, (await LoadAsync(request.Id)).Status);
        }
    }
}
