using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>The verbs raise typed events beside their audit entries: what partners are told follows from these, not from action names.</summary>
public sealed class DomainEventTests
{
    private static readonly DateTimeOffset Now = A.T0.AddDays(1);

    [Fact]
    public void Approve_RaisesOneStatusChange_FromPendingToActive()
    {
        var customer = A.Approvable();
        customer.TakeNewEvents();

        customer.Approve(A.Reviewer, Now, A.Policy);

        var changed = Assert.IsType<StatusChanged>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal((CustomerStatus.Pending, CustomerStatus.Active, Now, customer), (changed.Before, changed.After, changed.At, changed.Customer));
        Assert.Null(changed.Declined);
        Assert.Empty(customer.TakeNewEvents());
    }

    [Fact]
    public void AVerbThatChangesNoStatus_RaisesNothing()
    {
        var customer = A.Approvable();
        customer.TakeNewEvents();

        customer.AddNote(A.Support, Now, "Called the end user.");
        customer.Assign(A.Reviewer, Now, "staff-reviewer", "Rui Reviewer");

        Assert.Empty(customer.TakeNewEvents());
    }

    [Fact]
    public void DeclineUpdate_RaisesTheStatusChange_WithWhatWasDeclined()
    {
        var customer = A.InStatus(CustomerStatus.UpdateRequested);
        customer.TakeNewEvents();

        customer.DeclineUpdate(A.Reviewer, Now, ["name_mismatch"], "The new name does not match the passport.", null);

        var changed = Assert.IsType<StatusChanged>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal((CustomerStatus.UpdateRequested, CustomerStatus.Active), (changed.Before, changed.After));
        Assert.Equal(["name_mismatch"], changed.Declined!.ReasonCodes);
    }

    [Fact]
    public void TheFirstHostedSubmission_CompleteData_RaisesDataSubmitted_AndNoStatusChange()
    {
        var customer = A.HostedEmpty();
        customer.TakeNewEvents();

        customer.Submit(A.EndUser, Now, new CustomerChanges(A.Person(), Documents: [A.Passport(), A.Selfie()]), A.Policy);

        var submitted = Assert.IsType<DataSubmitted>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal(CustomerStatus.Pending, submitted.Status);
    }

    [Fact]
    public void TheFirstHostedSubmission_Incomplete_RaisesOnlyTheStatusChange()
    {
        var customer = A.HostedEmpty();
        customer.TakeNewEvents();

        customer.Submit(A.EndUser, Now, new CustomerChanges(A.Person()), A.Policy);

        var changed = Assert.IsType<StatusChanged>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal(CustomerStatus.NeedsInformation, changed.After);
    }

    [Fact]
    public void ALink_IssuedFirst_RaisesNothing_ReplacedLater_RaisesLinkRegenerated()
    {
        var customer = A.HostedEmpty();
        customer.IssueVerificationLink(A.Partner, A.T0, TimeSpan.FromDays(14));
        Assert.Empty(customer.TakeNewEvents());

        customer.IssueVerificationLink(A.Support, Now, TimeSpan.FromDays(14), "The end user lost the email.");

        var regenerated = Assert.IsType<LinkRegenerated>(Assert.Single(customer.TakeNewEvents()));
        Assert.Equal((Now.AddDays(14), ActorKind.Staff), (regenerated.ExpiresAt, regenerated.By));
    }

    [Fact]
    public void EveryAccessDecision_RaisesAccessDecided_ForTheCustomersPartner()
    {
        var customer = A.Active();
        var granted = A.CardRequest(customer);
        granted.Grant(A.Approver, Now, customer, A.Policy);
        granted.Revoke(A.Approver, Now.AddDays(1), ["risk_policy"], "Your card was closed.", null);
        var refusedAtOnce = A.CardRequest(A.Pending());

        var decisions = granted.TakeNewEvents();
        Assert.All(decisions, e => Assert.Same(granted, Assert.IsType<AccessDecided>(e).Request));
        Assert.Equal([Now, Now.AddDays(1)], decisions.Select(e => e.At));
        var rejected = Assert.IsType<AccessDecided>(Assert.Single(refusedAtOnce.TakeNewEvents()));
        Assert.Equal(("lumen-wallet", AccessRequestStatus.Rejected), (rejected.Request.PartnerId, rejected.Request.Status));
    }
}
