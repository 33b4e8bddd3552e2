using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests;

/// <summary>
/// The staff clock behind the reports' time to decision: it runs while the customer waits for a reviewer, stops while
/// the customer's side has the move or the case is on hold, and a final decision records the cycle's total.
/// </summary>
public sealed class StaffClockTests
{
    private static long? StaffSecondsOf(Customer customer, string action) =>
        customer.TakeNewAuditEntries().Single(e => e.Action == action).StaffSeconds;

    [Fact]
    public void Approve_RecordsTheTimeSinceSubmission()
    {
        var customer = A.Approvable(); // submitted at T0, documents accepted an hour later

        customer.Approve(A.Reviewer, A.T0.AddHours(6), A.Policy);

        Assert.Equal(6 * 3600, StaffSecondsOf(customer, "approved"));
        Assert.Equal(TimeSpan.Zero, customer.StaffTimeInCycle);
        Assert.Null(customer.StaffClockFrom);
    }

    [Fact]
    public void WaitingOnTheCustomer_DoesNotCount()
    {
        var customer = A.Pending();
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(1), [new(RequirementCode.IdentityDocument, "A sharper photo.")], "Please resend.");
        customer.ProvideInformation(A.EndUser, A.T0.AddDays(3).AddHours(1), new CustomerChanges(Documents: [A.Passport()]), A.Policy);

        customer.Reject(A.Reviewer, A.T0.AddDays(4).AddHours(7), ["document_unreadable"], false, "We could not read your document.", null);

        Assert.Equal((1 + 30) * 3600, StaffSecondsOf(customer, "rejected"));
    }

    [Fact]
    public void AHold_DoesNotCount_AndTheClockRunsAgainOnRelease()
    {
        var customer = A.Approvable();
        customer.PutOnHold(A.Reviewer, A.T0.AddHours(2), "Waiting for the compliance officer.", null);
        customer.Release(A.Reviewer, A.T0.AddDays(2).AddHours(2), "Cleared by the officer.");

        customer.Approve(A.Reviewer, A.T0.AddDays(2).AddHours(5), A.Policy);

        Assert.Equal((2 + 3) * 3600, StaffSecondsOf(customer, "approved"));
    }

    [Fact]
    public void AnUpdate_IsACycleOfItsOwn()
    {
        var customer = A.Active(); // approved at T0 + 2 h
        customer.SubmitUpdate(A.Partner, A.T0.AddDays(5), new CustomerChanges(Person: A.Person(last: "Restrepo Gómez")));

        customer.ApproveUpdate(A.Reviewer, A.T0.AddDays(5).AddHours(4), A.Policy);

        Assert.Equal(4 * 3600, StaffSecondsOf(customer, "update_approved"));
    }

    [Fact]
    public void OnlyFinalDecisions_CarryAStaffTime()
    {
        var customer = A.Pending();
        customer.RequestInformation(A.Reviewer, A.T0.AddHours(1), [new(RequirementCode.Phone, "Confirm your phone.")], "Please confirm.");

        Assert.All(customer.TakeNewAuditEntries(), e => Assert.Null(e.StaffSeconds));
        Assert.Equal(TimeSpan.FromHours(1), customer.StaffTimeInCycle);
        Assert.Null(customer.StaffClockFrom);
    }

    [Fact]
    public void AHostedCustomer_BeforeItsFirstSubmission_IsNotWaitingForAReviewer()
    {
        var customer = A.HostedEmpty(); // pending at T0, but the end user has not sent anything yet
        Assert.Null(customer.StaffClockFrom);

        customer.Submit(A.EndUser, A.T0.AddDays(2), new CustomerChanges(A.Person(), Documents: [A.Passport(), A.Selfie()]), A.Policy);

        Assert.Equal(A.T0.AddDays(2), customer.StaffClockFrom);
    }
}
