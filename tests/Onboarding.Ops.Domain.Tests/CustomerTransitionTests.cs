using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests;

public sealed class CustomerTransitionTests
{
    // After the builders' hold wakes up (T0 + 3 days), so Wake up is possible from on hold.
    private static readonly DateTimeOffset Now = A.T0.AddDays(4);

    /// <summary>Every status × every action, generated, so a new status or action cannot slip through untested.</summary>
    public static TheoryData<CustomerStatus, CustomerAction> EveryStatusAndAction()
    {
        var data = new TheoryData<CustomerStatus, CustomerAction>();
        foreach (var status in Enum.GetValues<CustomerStatus>())
        {
            foreach (var action in Enum.GetValues<CustomerAction>())
            {
                data.Add(status, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Action_FromStatus_FollowsTheTransitionTable(CustomerStatus status, CustomerAction action)
    {
        var transition = CustomerTransitions.Find(status, action);
        var customer = Ready(status, action);
        customer.TakeNewAuditEntries();
        var version = customer.Version;

        if (transition is null)
        {
            var refused = Assert.Throws<DomainRuleException>(() => Do(customer, action, ActorFor(action)));
            Assert.Equal($"{CustomerTransitions.Name(action)} is unavailable: the customer's status is {Wire.Of(status)}.", refused.Message);
            Assert.Equal(status, customer.Status);
            Assert.Empty(customer.TakeNewAuditEntries());
            Assert.Equal(version, customer.Version);
            return;
        }

        Do(customer, action, ActorFor(action));

        Assert.Equal(transition.To ?? ExpectedWhereTheVerbDecides(status, action), customer.Status);
        var entry = Assert.Single(customer.TakeNewAuditEntries());
        Assert.Equal(Wire.Of(status), entry.StatusBefore);
        Assert.Equal(Wire.Of(customer.Status), entry.StatusAfter);
        Assert.Equal(customer.Id.ToString(), entry.SubjectId);
        Assert.Equal(Now, entry.At);
        Assert.Equal(version + 1, customer.Version);
    }

    public static TheoryData<CustomerStatus, CustomerAction> EveryAllowedTransition()
    {
        var data = new TheoryData<CustomerStatus, CustomerAction>();
        foreach (var transition in CustomerTransitions.Table)
        {
            data.Add(transition.From, transition.Action);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAllowedTransition))]
    public void Action_ByTheWrongParty_IsRefusedNamingWhoMayAct(CustomerStatus status, CustomerAction action)
    {
        var transition = CustomerTransitions.Find(status, action)!;
        var customer = Ready(status, action);
        var wrong = transition.By switch
        {
            Party.Reviewer => A.Support,
            Party.Assistant => A.Approver,
            Party.PartnerOrAssistant => A.EndUser,
            Party.CustomerSide or Party.System => A.Reviewer,
        };

        var refused = Assert.Throws<DomainRuleException>(() => Do(customer, action, wrong));

        Assert.StartsWith($"{CustomerTransitions.Name(action)} is unavailable: "
            + (transition.By == Party.System ? "the system does this by itself" : "only "), refused.Message);
        Assert.Equal(status, customer.Status);
    }

    /// <summary>
    /// A customer in the status with what the action needs besides the status: a hosted customer for a link, an open
    /// check to resolve, a hosted customer created empty for the first submission.
    /// </summary>
    private static Customer Ready(CustomerStatus status, CustomerAction action)
    {
        if (status == CustomerStatus.Pending && action == CustomerAction.Submit)
        {
            return A.HostedEmpty();
        }
        // At a periodic review, an active customer may be rejected or reviewed with no change.
        var customer = status == CustomerStatus.Active && action is CustomerAction.CompleteReview or CustomerAction.Reject ? A.ActiveDueForReview()
            : A.InStatus(status, action == CustomerAction.IssueLink ? VerificationModel.Hosted : VerificationModel.PartnerVerified);
        if (action is CustomerAction.ConfirmDecision or CustomerAction.SendBackDecision or CustomerAction.DropDecision
            && customer.WhyNot(CustomerAction.Reject, Maker, A.Policy, Now) is null)
        {
            customer.Reject(Maker, A.T0.AddDays(3), ["suspected_fraud"], true, "We cannot offer you an account.", null, SecondReviewRules.Default);
        }
        if (action == CustomerAction.ResolveCheck && status != CustomerStatus.Rejected)
        {
            customer.RecordChecks(Actor.System, A.T0.AddDays(3), [OpenCheck]);
        }
        if (action == CustomerAction.DecideHit && status != CustomerStatus.Rejected)
        {
            customer.RecordScreening(Actor.System, A.T0.AddDays(3), [A.Hit()], "Demo sanctions v1");
        }
        return customer;
    }

    /// <summary>The reviewer who staged the decision a second reviewer (<see cref="A.Reviewer"/>) confirms or sends back.</summary>
    private static readonly Actor Maker = Actor.Reviewer("staff-maker", "Mia Maker");

    private static readonly CheckResult OpenCheck = new() { Code = "placeholder_data", Outcome = CheckOutcome.Warn, Detail = "The name looks like a placeholder." };

    private static CustomerStatus ExpectedWhereTheVerbDecides(CustomerStatus from, CustomerAction action) => action switch
    {
        CustomerAction.AnswerQuestionnaire => from,                  // no checklist item asked for it
        CustomerAction.Submit => CustomerStatus.Pending,              // complete data
        CustomerAction.Release => CustomerStatus.Pending,             // held from pending
        CustomerAction.ProvideInformation => CustomerStatus.Pending,  // the checklist answered
        CustomerAction.SubmitUpdate => CustomerStatus.UpdateRequested, // a name changed
        CustomerAction.WakeUp => CustomerStatus.Pending,              // held from pending
        CustomerAction.ConfirmDecision => CustomerStatus.Rejected,    // a staged final rejection
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static Actor ActorFor(CustomerAction action) => CustomerTransitions.Table.First(t => t.Action == action).By switch
    {
        Party.Reviewer => A.Reviewer,
        Party.Assistant => A.Support,
        Party.System => Actor.System,
        Party.CustomerSide or Party.PartnerOrAssistant => A.Partner,
    };

    /// <summary>Each verb with valid data.</summary>
    private static void Do(Customer customer, CustomerAction action, Actor actor)
    {
        switch (action)
        {
            case CustomerAction.Submit:
                customer.Submit(actor, Now, new CustomerChanges(A.Person(), Documents: [A.Passport(), A.Selfie()]), A.Policy);
                break;
            case CustomerAction.Approve:
                customer.Approve(actor, Now, A.Policy);
                break;
            case CustomerAction.Reject:
                customer.Reject(actor, Now, ["document_edited"], true, "The document appears altered.", "Fonts differ on the data page.");
                break;
            case CustomerAction.RequestInformation:
                customer.RequestInformation(actor, Now, [new(RequirementCode.ProofOfAddress, "A utility bill from the last 3 months.")], "Please send a proof of address.");
                break;
            case CustomerAction.Hold:
                customer.PutOnHold(actor, Now, "Waiting for the sanctions provider.", Now.AddDays(2));
                break;
            case CustomerAction.Release:
                customer.Release(actor, Now, "Screening came back clear.");
                break;
            case CustomerAction.ProvideInformation:
                customer.ProvideInformation(actor, Now, new CustomerChanges(Documents: [A.Passport()]), A.Policy);
                break;
            case CustomerAction.Resubmit:
                customer.Resubmit(actor, Now, new CustomerChanges(A.Person(last: "Restrepo")), A.Policy);
                break;
            case CustomerAction.SubmitUpdate:
                customer.SubmitUpdate(actor, Now, new CustomerChanges(A.Person(last: "Restrepo Vélez")));
                break;
            case CustomerAction.ApproveUpdate:
                customer.ApproveUpdate(actor, Now, A.Policy);
                break;
            case CustomerAction.DeclineUpdate:
                customer.DeclineUpdate(actor, Now, ["name_mismatch"], "The new name does not match the passport.", "Old passport only.");
                break;
            case CustomerAction.AnswerQuestionnaire:
                customer.AnswerSourceOfFunds(actor, Now, A.Questionnaire(), A.Policy);
                break;
            case CustomerAction.WakeUp:
                customer.WakeUp(actor, Now);
                break;
            case CustomerAction.Withdraw:
                customer.Withdraw(actor, Now);
                break;
            case CustomerAction.AddNote:
                customer.AddNote(actor, Now, "Called the end user: travelling until Monday.");
                break;
            case CustomerAction.Assign:
                customer.Assign(actor, Now, actor.Id, actor.Name);
                break;
            case CustomerAction.IssueLink:
                customer.IssueVerificationLink(actor, Now, TimeSpan.FromDays(14), actor.Kind == ActorKind.Staff ? "The end user lost the link." : null);
                break;
            case CustomerAction.ReviewDocument:
                customer.RejectDocument(actor, Now, customer.Documents[0].Id, "document_unreadable");
                break;
            case CustomerAction.ResolveCheck:
                customer.ResolveCheck(actor, Now, OpenCheck.Code, CheckVerdict.Cleared, "The name is real: checked with the partner.");
                break;
            case CustomerAction.RecordChecks:
                customer.RecordChecks(actor, Now, [OpenCheck]);
                break;
            case CustomerAction.RecordScreening:
                customer.RecordScreening(actor, Now, [A.Hit()], "Demo sanctions v1");
                break;
            case CustomerAction.DecideHit:
                customer.DecideHit(actor, Now, A.Hit().Id, Screening.HitVerdict.FalsePositive, "Another birth date and nationality.");
                break;
            case CustomerAction.CompleteReview:
                customer.CompleteReview(actor, Now, "Documents and screening looked at: nothing changed.");
                break;
            case CustomerAction.AssessRisk:
                customer.AssessRisk(actor, Now, new Risk.RiskAssessment(Risk.RiskLevel.Medium, 30, [new("product", "a virtual account requested", 30)]));
                break;
            case CustomerAction.ConfirmDecision:
                customer.ConfirmDecision(actor, Now, A.Policy);
                break;
            case CustomerAction.SendBackDecision:
                customer.SendBackDecision(actor, Now, "Ask for a second document first.");
                break;
            case CustomerAction.DropDecision:
                customer.DropDecision(actor, Now, "a new document arrived");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
