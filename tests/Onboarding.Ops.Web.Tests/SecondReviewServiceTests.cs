using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.AccessRequests;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.FourEyes;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Four eyes through the feature services, on the real database: per role, with races, notices and the admin's rules.</summary>
public sealed class SecondReviewServiceTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(1);
    // Its own app: a test here switches a rule off, which must not reach other classes' decisions.
    private readonly OpsAppFactory app = shared.Start(
        new Dictionary<string, string?> { ["DemoData:Customers"] = "0", ["Tests:FourEyes"] = "own app" }, new FakeTimeProvider(Now));

    private static readonly RejectInput Final = new(["suspected_fraud"], true, "We cannot offer you an account.", "Forged bill.");

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private async Task<Customer> SavedAsync(Customer customer)
    {
        await using var db = Db();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    private async Task<Customer> LoadAsync(Guid id)
    {
        await using var db = Db();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private Task<DecisionResult> As(string email, Func<CustomerDecisions, Task<DecisionResult>> act) => app.RunAsAsync(email, act);

    private async Task<string> IdOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<Customer> StagedRejectionAsync()
    {
        var customer = await SavedAsync(A.Approvable());
        var staged = await As(OpsAppFactory.Reviewer, d => d.RejectAsync(customer.Id, customer.Version, Final));
        Assert.Equal((DecisionOutcome.Done, Decision.StagedMessage), (staged.Outcome, staged.Message));
        return await LoadAsync(customer.Id);
    }

    [Fact]
    public async Task FinalRejection_IsStaged_AndListedInAwaitingSecondReview()
    {
        var customer = await StagedRejectionAsync();

        Assert.Equal((CustomerStatus.Pending, WorkQueue.SecondReview), (customer.Status, customer.Queue));
        var page = await app.RunAsAsync<CustomerQueue, QueuePage>(OpsAppFactory.Support, q => q.PageAsync(new QueueFilter { View = QueueView.SecondReview }));
        var row = Assert.Single(page.Rows, r => r.Id == customer.Id);
        Assert.Equal("Awaiting second review", row.TopBlocker);
        var counts = await app.RunAsAsync<CustomerQueue, IReadOnlyList<ViewCount>>(OpsAppFactory.Support, q => q.CountsAsync());
        Assert.Equal(page.Total, counts.Single(c => c.View == QueueView.SecondReview).Count);
    }

    [Fact]
    public async Task TheMaker_CannotConfirm_AnotherReviewerCan_AsTheTwoOfThem()
    {
        var customer = await StagedRejectionAsync();

        var own = await As(OpsAppFactory.Reviewer, d => d.ConfirmStagedAsync(customer.Id, customer.Version));
        var other = await As(OpsAppFactory.SecondReviewer, d => d.ConfirmStagedAsync(customer.Id, customer.Version));

        Assert.Equal(DecisionOutcome.Refused, own.Outcome);
        Assert.Contains("another reviewer must confirm it", own.Message);
        Assert.True(other.Succeeded, other.Message);
        Assert.Equal(CustomerStatus.Rejected, (await LoadAsync(customer.Id)).Status);
        await using var db = Db();
        var rejected = await db.AuditEntries.SingleAsync(e => e.CustomerId == customer.Id && e.Action == "rejected");
        Assert.Equal("Rhea Reviewer", rejected.ActorName);
        Assert.Contains("\"stagedBy\":\"Rui Reviewer\"", rejected.Details);
        Assert.Equal(1, await db.Set<WebhookEvent>().CountAsync(w => w.CustomerId == customer.Id && w.Type == "customer.status_changed"));
    }

    [Fact]
    public async Task TwoCheckersAtOnce_OneConfirms_TheOtherIsToldPlainly()
    {
        var customer = await StagedRejectionAsync();

        var results = await Task.WhenAll(
            As(OpsAppFactory.SecondReviewer, d => d.ConfirmStagedAsync(customer.Id, customer.Version)),
            As(OpsAppFactory.Admin, d => d.ConfirmStagedAsync(customer.Id, customer.Version)));

        Assert.Single(results, r => r.Succeeded);
        var lost = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(DecisionOutcome.Conflict, lost.Outcome);
        Assert.Contains("changed this customer", lost.Message);
        Assert.Contains("saved: reload", lost.Message);
        await using var db = Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CustomerId == customer.Id && e.Action == "rejected"));
    }

    [Theory]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.ProductApprover)]
    [InlineData(StaffRoles.Compliance)]
    public async Task OnlyReviewers_ConfirmOrSendBack(string role)
    {
        var customer = await StagedRejectionAsync();
        var email = OpsAppFactory.DemoEmailByRole[role];

        await Assert.ThrowsAsync<StaffForbiddenException>(() => As(email, d => d.ConfirmStagedAsync(customer.Id, customer.Version)));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => As(email, d => d.SendBackStagedAsync(customer.Id, customer.Version, "No.")));
        Assert.NotNull((await LoadAsync(customer.Id)).Staged);
    }

    [Fact]
    public async Task SendBack_TellsTheMaker_WhoDismissesTheNotice()
    {
        var customer = await StagedRejectionAsync();

        var empty = await As(OpsAppFactory.SecondReviewer, d => d.SendBackStagedAsync(customer.Id, customer.Version, "  "));
        var sent = await As(OpsAppFactory.SecondReviewer, d => d.SendBackStagedAsync(customer.Id, customer.Version, "Ask for a selfie first."));

        Assert.Equal(DecisionOutcome.Refused, empty.Outcome);
        Assert.True(sent.Succeeded, sent.Message);
        Assert.Null((await LoadAsync(customer.Id)).Staged);
        var notices = await app.RunAsAsync<SecondReviews, IReadOnlyList<StaffNotice>>(OpsAppFactory.Reviewer, s => s.NoticesAsync());
        var notice = Assert.Single(notices, n => n.Link == $"customers/{customer.Id}");
        Assert.Equal($"Rhea Reviewer sent back your final rejection of {customer.Name}: Ask for a selfie first.", notice.Text);
        Assert.DoesNotContain(await app.RunAsAsync<SecondReviews, IReadOnlyList<StaffNotice>>(OpsAppFactory.SecondReviewer, s => s.NoticesAsync()),
            n => n.Id == notice.Id);

        await app.RunAsAsync<SecondReviews, bool>(OpsAppFactory.Reviewer, async s => { await s.DismissAsync(notice.Id); return true; });

        Assert.DoesNotContain(await app.RunAsAsync<SecondReviews, IReadOnlyList<StaffNotice>>(OpsAppFactory.Reviewer, s => s.NoticesAsync()),
            n => n.Id == notice.Id);
    }

    [Fact]
    public async Task EvidenceChange_DropsTheStagedDecision_AndNoticesTheMaker()
    {
        var customer = await StagedRejectionAsync();

        var rejected = await As(OpsAppFactory.SecondReviewer, d => d.RejectDocumentAsync(customer.Id, customer.Version, customer.Documents[0].Id, "document_unreadable", takeOver: true));

        Assert.True(rejected.Succeeded, rejected.Message);
        var after = await LoadAsync(customer.Id);
        Assert.Null(after.Staged);
        Assert.Equal(WorkQueue.NeedsReview, after.Queue);
        var notices = await app.RunAsAsync<SecondReviews, IReadOnlyList<StaffNotice>>(OpsAppFactory.Reviewer, s => s.NoticesAsync());
        Assert.Contains(notices, n => n.Link == $"customers/{customer.Id}" && n.Text.Contains("was dropped") && n.Text.Contains("Rhea Reviewer rejected the passport"));
    }

    /// <summary>An advanced, active customer with its questionnaire and a virtual-account request ready to grant, saved.</summary>
    private async Task<(Customer Customer, AccessRequest Request)> ReadyVirtualAccountAsync()
    {
        var customer = A.Active(VerificationLevel.Advanced);
        customer.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        var request = AccessRequest.Request(A.Partner, A.T0.AddHours(4), customer, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;
        await using var db = Db();
        db.Customers.Add(customer);
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync();
        return (customer, request);
    }

    [Fact]
    public async Task ABulkGrant_ReportsTheVirtualAccountsItStaged_ApartFromThoseItGranted()
    {
        var (_, account) = await ReadyVirtualAccountAsync();
        var card = A.CardRequest(await SavedAsync(A.Active()));
        await using (var db = Db())
        {
            db.AccessRequests.Add(card);
            await db.SaveChangesAsync();
        }

        var result = await app.RunAsAsync<AccessDecisions, BulkGrantResult>(OpsAppFactory.ProductApprover,
            d => d.BulkGrantAsync([(account.Id, account.Version), (card.Id, card.Version)]));

        Assert.Equal([card.Id], result.Granted);
        Assert.Equal([account.Id], result.Staged);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public async Task AStagedVirtualAccount_ConfirmedOnChangedEvidence_IsDropped_AndTheCheckerToldToDecideAgain()
    {
        var (customer, request) = await ReadyVirtualAccountAsync();
        var staged = await app.RunAsAsync<AccessDecisions, DecisionResult>(OpsAppFactory.ProductApprover, d => d.GrantAsync(request.Id, request.Version));
        Assert.Equal(Decision.StagedMessage, staged.Message);
        await using (var db = Db())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire() with { ExpectedMonthlyVolume = MonthlyVolume.From50000To250000 }, A.Policy);
            await db.SaveChangesAsync();
        }
        int version;
        await using (var db = Db())
        {
            version = (await db.AccessRequests.SingleAsync(r => r.Id == request.Id)).Version;
        }

        var confirm = await app.RunAsAsync<AccessDecisions, DecisionResult>(OpsAppFactory.SecondApprover, d => d.ConfirmStagedAsync(request.Id, version));

        Assert.Equal(DecisionOutcome.Refused, confirm.Outcome);
        Assert.Contains("evidence changed", confirm.Message);
        await using var check = Db();
        var after = await check.AccessRequests.SingleAsync(r => r.Id == request.Id);
        Assert.Equal((AccessRequestStatus.Requested, (StagedDecision?)null), (after.Status, after.Staged));
        var maker = await IdOfAsync(OpsAppFactory.ProductApprover);
        Assert.True(await check.Set<StaffNotice>().AnyAsync(n => n.StaffId == maker && n.Link == $"access-requests/{request.Id}"));
    }

    [Fact]
    public async Task AnAdmin_SwitchesARuleOff_ThenOneReviewerRejectsForGood_AndTheChangeIsAudited()
    {
        var settings = await app.RunAsAsync<SecondReviews, IReadOnlyList<SecondReviewSetting>>(OpsAppFactory.Admin, s => s.SettingsAsync());
        var rule = settings.Single(s => s.Rule == SecondReviewRule.FinalRejection);
        await Assert.ThrowsAsync<StaffForbiddenException>(() =>
            app.RunAsAsync<SecondReviews, DecisionResult>(OpsAppFactory.Reviewer, s => s.SetAsync(SecondReviewRule.FinalRejection, false, rule.Version)));

        try
        {
            var off = await app.RunAsAsync<SecondReviews, DecisionResult>(OpsAppFactory.Admin, s => s.SetAsync(SecondReviewRule.FinalRejection, false, rule.Version));
            var stale = await app.RunAsAsync<SecondReviews, DecisionResult>(OpsAppFactory.Admin, s => s.SetAsync(SecondReviewRule.FinalRejection, true, rule.Version));
            var customer = await SavedAsync(A.Approvable());
            var rejected = await As(OpsAppFactory.Reviewer, d => d.RejectAsync(customer.Id, customer.Version, Final));

            Assert.True(off.Succeeded, off.Message);
            Assert.Equal(DecisionOutcome.Conflict, stale.Outcome);
            Assert.Equal("Rejected for good.", rejected.Message);
            Assert.Equal(CustomerStatus.Rejected, (await LoadAsync(customer.Id)).Status);
            await using var db = Db();
            Assert.True(await db.AuditEntries.AnyAsync(e => e.SubjectType == SecondReviews.Subject && e.Action == "second_review_lifted"));
        }
        finally
        {
            var now = (await app.RunAsAsync<SecondReviews, IReadOnlyList<SecondReviewSetting>>(OpsAppFactory.Admin, s => s.SettingsAsync()))
                .Single(s => s.Rule == SecondReviewRule.FinalRejection);
            await app.RunAsAsync<SecondReviews, DecisionResult>(OpsAppFactory.Admin, s => s.SetAsync(SecondReviewRule.FinalRejection, true, now.Version));
        }
    }
}
