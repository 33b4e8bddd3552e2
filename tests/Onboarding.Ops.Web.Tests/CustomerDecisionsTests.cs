using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Reviewers' decisions through the feature service, on real SQLite, as each role.</summary>
public sealed class CustomerDecisionsTests : IClassFixture<SharedApp>
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(1);
    private readonly FakeTimeProvider clock = new(Now);
    private readonly OpsAppFactory app;

    public CustomerDecisionsTests(SharedApp shared) => app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, clock);

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

    private async Task<List<string>> TrailAsync(Guid id)
    {
        await using var db = Db();
        return await db.AuditEntries.Where(e => e.CustomerId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    private Task<T> As<T>(string email, Func<CustomerDecisions, Task<T>> act) => app.RunAsAsync(email, act);

    public static TheoryData<string, string> EveryActionAndRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in new[] { "approve", "approve-update", "reject", "request-information", "hold", "release", "accept-document",
                     "reject-document", "resolve-check", "decline-update", "claim", "assign", "note", "next-case" })
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
    public async Task Action_AsRole_IsAllowedOnlyByItsPolicy(string action, string role)
    {
        var customer = await SavedAsync(A.Pending());
        var (id, version, document) = (customer.Id, customer.Version, customer.Documents[0].Id);
        var policy = action switch { "note" => Policies.Assist, "assign" => Policies.Admin, _ => Policies.Review };
        var allowed = Policies.RolesByPolicy[policy].Contains(role);
        var adminId = (await app.Services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>()
            .FindByEmailAsync(OpsAppFactory.Admin))!.Id;

        Task<object?> Act(CustomerDecisions d) => action switch
        {
            "approve" => Box(d.ApproveAsync(id, version)),
            "approve-update" => Box(d.ApproveUpdateAsync(id, version)),
            "reject" => Box(d.RejectAsync(id, version, new RejectInput(["name_mismatch"], false, "Name differs.", null))),
            "request-information" => Box(d.RequestInformationAsync(id, version, [new(RequirementCode.Phone, "Confirm phone.")], "Please confirm.")),
            "hold" => Box(d.HoldAsync(id, version, "Screening", null)),
            "release" => Box(d.ReleaseAsync(id, version, "Clear.")),
            "accept-document" => Box(d.AcceptDocumentAsync(id, version, document)),
            "reject-document" => Box(d.RejectDocumentAsync(id, version, document, "document_unreadable")),
            "resolve-check" => Box(d.ResolveCheckAsync(id, version, "duplicate_customer", CheckVerdict.Cleared, "Fine.")),
            "decline-update" => Box(d.DeclineUpdateAsync(id, version, new RejectInput(["name_mismatch"], false, "Name differs.", null))),
            "claim" => Box(d.ClaimAsync(id, version)),
            "assign" => Box(d.AssignAsync(id, version, adminId)),
            "note" => Box(d.AddNoteAsync(id, "Partner called.")),
            _ => Box(d.NextCaseAsync()),
        };

        var thrown = await Record.ExceptionAsync(() => As(OpsAppFactory.DemoEmailByRole[role], Act));

        if (allowed)
        {
            Assert.Null(thrown);
        }
        else
        {
            Assert.IsType<StaffForbiddenException>(thrown);
            Assert.Equal(version, (await LoadAsync(id)).Version);
        }
    }

    private static async Task<object?> Box<T>(Task<T> task) => await task;

    [Fact]
    public async Task Approve_Unassigned_AssignsToTheReviewerAndActivates()
    {
        var customer = await SavedAsync(A.Approvable());

        var result = await As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, customer.Version));

        Assert.Equal(DecisionOutcome.Done, result.Outcome);
        var stored = await LoadAsync(customer.Id);
        Assert.Equal((CustomerStatus.Active, "Rui Reviewer"), (stored.Status, stored.AssigneeName));
        Assert.Equal(["assigned", "approved"], (await TrailAsync(customer.Id)).TakeLast(2));
    }

    [Fact]
    public async Task Approve_WhenARequirementFails_IsRefusedWithTheDomainsReasonAndChangesNothing()
    {
        var customer = await SavedAsync(A.Pending());

        var result = await As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, customer.Version));

        Assert.Equal(DecisionOutcome.Refused, result.Outcome);
        Assert.Equal("Approve is unavailable: the passport received on 2026-11-02 is waiting for review.", result.Message);
        var stored = await LoadAsync(customer.Id);
        Assert.Equal((CustomerStatus.Pending, (string?)null, customer.Version), (stored.Status, stored.AssigneeName, stored.Version));
    }

    [Fact]
    public async Task Reject_SavesReasonsMessageAndNote()
    {
        var customer = await SavedAsync(A.Approvable());

        await As(OpsAppFactory.Reviewer, d => d.RejectAsync(customer.Id, customer.Version,
            new RejectInput(["name_mismatch", "document_unreadable"], false, "Please correct your name.", "Typo in surname.")));

        var rejection = (await LoadAsync(customer.Id)).LastRejection!;
        Assert.Equal(["name_mismatch", "document_unreadable"], rejection.ReasonCodes);
        Assert.Equal(("Please correct your name.", "Typo in surname.", false), (rejection.CustomerMessage, rejection.InternalNote, rejection.Final));
    }

    [Fact]
    public async Task RequestInformation_MovesToWaitingOnCustomerWithTheChecklist()
    {
        var customer = await SavedAsync(A.Approvable());

        await As(OpsAppFactory.Reviewer, d => d.RequestInformationAsync(customer.Id, customer.Version,
            [new(RequirementCode.ProofOfAddress, "A utility bill from the last 3 months.")], "Please send a recent bill."));

        var stored = await LoadAsync(customer.Id);
        Assert.Equal((CustomerStatus.NeedsInformation, WorkQueue.WaitingOnCustomer), (stored.Status, stored.Queue));
        Assert.Equal("A utility bill from the last 3 months.", stored.OpenChecklist.Single().Instruction);
    }

    [Fact]
    public async Task HoldThenRelease_KeepsTheHoldThenReturns()
    {
        var customer = await SavedAsync(A.Approvable());

        await As(OpsAppFactory.Reviewer, d => d.HoldAsync(customer.Id, customer.Version, "Sanctions screening", Now.AddDays(2)));
        var held = await LoadAsync(customer.Id);
        await As(OpsAppFactory.Reviewer, d => d.ReleaseAsync(customer.Id, held.Version, "Screening clear."));

        Assert.Equal(("Sanctions screening", Now.AddDays(2)), (held.Hold!.Reason, held.Hold.WakeUpAt));
        Assert.Equal(CustomerStatus.Pending, (await LoadAsync(customer.Id)).Status);
    }

    [Fact]
    public async Task Decide_OnACustomerClaimedByAnother_AsksFirstThenRecordsTheTakeover()
    {
        var customer = await SavedAsync(A.Approvable());
        await As(OpsAppFactory.Admin, d => d.ClaimAsync(customer.Id, customer.Version));
        var claimed = await LoadAsync(customer.Id);

        var asked = await As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, claimed.Version));
        var done = await As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, claimed.Version, takeOver: true));

        Assert.Equal(DecisionOutcome.ClaimedByOther, asked.Outcome);
        Assert.StartsWith("Ada Admin is working on this customer.", asked.Message);
        Assert.Equal(DecisionOutcome.Done, done.Outcome);
        await using var db = Db();
        var takeover = await db.AuditEntries.Where(e => e.CustomerId == customer.Id && e.Action == "assigned").OrderBy(e => e.Id).LastAsync();
        Assert.Contains("\"from\":\"Ada Admin\"", takeover.Details);
        Assert.Equal("Rui Reviewer", takeover.ActorName);
    }

    [Fact]
    public async Task Decide_FromAStalePage_IsRefusedNamingWhoChangedIt()
    {
        var customer = await SavedAsync(A.Approvable());
        await As(OpsAppFactory.Admin, d => d.AddNoteAsync(customer.Id, "Called the partner."));
        var shown = customer.Version;
        var current = (await LoadAsync(customer.Id)).Version;
        await As(OpsAppFactory.Admin, d => d.HoldAsync(customer.Id, current, "Screening", null));

        var result = await As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, shown + 1));

        Assert.Equal(DecisionOutcome.Conflict, result.Outcome);
        Assert.StartsWith("Ada Admin changed this customer at 2026-11-03 09:00 UTC", result.Message);
    }

    [Fact]
    public async Task TwoReviewersDecidingAtOnce_OneWinsTheOtherIsToldAndOnlyOneDecisionIsSaved()
    {
        var customer = await SavedAsync(A.Approvable());

        var results = await Task.WhenAll(
            Task.Run(() => As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, customer.Version))),
            Task.Run(() => As(OpsAppFactory.Admin, d => d.RejectAsync(customer.Id, customer.Version,
                new RejectInput(["name_mismatch"], false, "Name differs.", null)))));

        Assert.Single(results, r => r.Outcome == DecisionOutcome.Done);
        var loser = Assert.Single(results, r => r.Outcome == DecisionOutcome.Conflict);
        Assert.Contains("changed this customer at", loser.Message);
        var trail = await TrailAsync(customer.Id);
        Assert.Equal(1, trail.Count(a => a is "approved" or "rejected"));
        Assert.Equal(1, trail.Count(a => a == "assigned"));
    }

    [Fact]
    public async Task NextCase_ClaimsTheOldestUnassignedWaitingForReview()
    {
        var older = await SavedAsync(A.Approvable());
        var newer = A.Pending(at: A.T0.AddHours(5));
        await SavedAsync(newer);

        var first = await As(OpsAppFactory.Reviewer, d => d.NextCaseAsync());
        var second = await As(OpsAppFactory.Admin, d => d.NextCaseAsync());
        var none = await As(OpsAppFactory.Reviewer, d => d.NextCaseAsync());

        Assert.Equal((older.Id, newer.Id), (first, second));
        Assert.Null(none);
        Assert.Equal("Rui Reviewer", (await LoadAsync(older.Id)).AssigneeName);
    }

    [Fact]
    public async Task WakeUpJob_OnTheFakeClock_ReturnsDueHoldsAsTheSystem()
    {
        var customer = A.Approvable();
        customer.PutOnHold(A.Reviewer, A.T0.AddHours(3), "Screening", Now.AddHours(2));
        await SavedAsync(customer);
        var job = app.Services.GetRequiredService<HoldWakeUp>();

        Assert.Equal(0, await job.WakeDueHoldsAsync());
        // The hosted job ticks on the injected clock: moving the fake clock past the wake-up date is all it takes.
        clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(1)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await LoadAsync(customer.Id)).Status == CustomerStatus.OnHold && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(CustomerStatus.Pending, (await LoadAsync(customer.Id)).Status);
        await using var db = Db();
        var entry = await db.AuditEntries.Where(e => e.CustomerId == customer.Id).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(("woke_up", ActorKind.System), (entry.Action, entry.ActorKind));
    }

    [Fact]
    public async Task Note_BySupport_IsSavedAndAudited()
    {
        var customer = await SavedAsync(A.Approvable());

        var result = await As(OpsAppFactory.Support, d => d.AddNoteAsync(customer.Id, "End user travelling until Monday."));

        Assert.Equal(DecisionOutcome.Done, result.Outcome);
        Assert.Equal("note_added", (await TrailAsync(customer.Id)).Last());
    }

    [Fact]
    public async Task DocumentDecisions_RecordTheReviewAndTheReason()
    {
        var customer = A.Pending(VerificationLevel.Advanced);
        var (passport, bill) = (customer.Documents[0].Id, customer.Documents[1].Id);
        await SavedAsync(customer);

        await As(OpsAppFactory.Reviewer, d => d.AcceptDocumentAsync(customer.Id, customer.Version, passport));
        var afterAccept = await LoadAsync(customer.Id);
        var rejected = await As(OpsAppFactory.Reviewer, d => d.RejectDocumentAsync(customer.Id, afterAccept.Version, bill, "document_unreadable"));

        Assert.True(rejected.Succeeded, rejected.Message);
        var stored = await LoadAsync(customer.Id);
        Assert.Equal(DocumentReviewState.Accepted, stored.Documents.Single(d => d.Id == passport).State);
        Assert.Equal(("document_unreadable", "Rui Reviewer"), (stored.Documents.Single(d => d.Id == bill).RejectionReason, stored.Documents.Single(d => d.Id == bill).ReviewedBy));
        Assert.Equal(["document_accepted", "document_rejected"], (await TrailAsync(customer.Id)).Where(a => a.StartsWith("document_")));
    }

    [Fact]
    public async Task ResolveCheck_ThenApprove_Succeeds()
    {
        var customer = A.Approvable();
        customer.RecordChecks(Actor.System, A.T0.AddHours(1), [new CheckResult { Code = "duplicate_national_id", Outcome = CheckOutcome.Fail, Detail = "Shared ID." }]);
        await SavedAsync(customer);

        var refused = await As(OpsAppFactory.Reviewer, d => d.ApproveAsync(customer.Id, customer.Version));
        await As(OpsAppFactory.Reviewer, d => d.ResolveCheckAsync(customer.Id, customer.Version, "duplicate_national_id", CheckVerdict.Cleared, "Same person, second partner."));
        var approved = await As(OpsAppFactory.Reviewer, async d => await d.ApproveAsync(customer.Id, (await LoadAsync(customer.Id)).Version));

        Assert.Equal(DecisionOutcome.Refused, refused.Outcome);
        Assert.Contains("duplicate_national_id failed", refused.Message);
        Assert.True(approved.Succeeded, approved.Message);
    }
}
