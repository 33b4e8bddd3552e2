using static Onboarding.Ops.Domain.Customers.CustomerAction;
using static Onboarding.Ops.Domain.Customers.CustomerStatus;

namespace Onboarding.Ops.Domain.Customers;

public enum CustomerAction
{
    Submit,
    Approve,
    Reject,
    RequestInformation,
    Hold,
    Release,
    ProvideInformation,
    Resubmit,
    SubmitUpdate,
    ApproveUpdate,
    DeclineUpdate,
    AnswerQuestionnaire,
    WakeUp,
    Withdraw,
    // Actions that change no status: they are in the table too, so a screen asks the domain for every button.
    AddNote,
    Assign,
    IssueLink,
    ReviewDocument,
    ResolveCheck,
    RecordChecks,
    RecordScreening,
    DecideHit,
    AssessRisk,
    CompleteReview,
    // Four eyes: an approval or rejection a rule holds for a second reviewer is staged by Approve or Reject itself.
    ConfirmDecision,
    SendBackDecision,
    DropDecision,
}

/// <summary>Who may take an action.</summary>
public enum Party
{
    /// <summary>Staff who review customers (reviewers and admins).</summary>
    Reviewer,
    /// <summary>Staff who assist (support, reviewers, admins): notes and a new verification link.</summary>
    Assistant,
    /// <summary>The partner or the end user.</summary>
    CustomerSide,
    /// <summary>The partner, or staff who assist: the verification link.</summary>
    PartnerOrAssistant,
    /// <summary>The system's timers and automated checks.</summary>
    System,
}

/// <summary>One allowed move. <see cref="To"/> is null where the verb decides (release, submit, update); an action that changes no status goes to its own.</summary>
public sealed record Transition(CustomerStatus From, CustomerAction Action, CustomerStatus? To, Party By);

/// <summary>The customer status transitions of domain.md, as one table. Anything not here is refused.</summary>
public static class CustomerTransitions
{
    public static readonly IReadOnlyList<Transition> Table =
    [
        // A hosted customer created empty waits in pending for the end user's first submission.
        new(Pending, Submit, null, Party.CustomerSide),
        new(Pending, Approve, Active, Party.Reviewer),
        new(Pending, Reject, Rejected, Party.Reviewer),
        new(Pending, RequestInformation, NeedsInformation, Party.Reviewer),
        new(Pending, CustomerAction.Hold, OnHold, Party.Reviewer),
        new(NeedsInformation, CustomerAction.Hold, OnHold, Party.Reviewer),
        new(UpdateRequested, CustomerAction.Hold, OnHold, Party.Reviewer),
        new(Active, CustomerAction.Hold, OnHold, Party.Reviewer),
        new(OnHold, Release, null, Party.Reviewer),
        // A hold whose wake-up date has come returns by itself to the status it was held from.
        new(OnHold, WakeUp, null, Party.System),
        new(OnHold, Reject, Rejected, Party.Reviewer),
        new(NeedsInformation, ProvideInformation, null, Party.CustomerSide),
        new(NeedsInformation, Reject, Rejected, Party.Reviewer),
        new(Rejected, Resubmit, Pending, Party.CustomerSide),
        new(Active, SubmitUpdate, null, Party.CustomerSide),
        new(Active, RequestInformation, NeedsInformation, Party.Reviewer),
        new(UpdateRequested, ApproveUpdate, Active, Party.Reviewer),
        new(UpdateRequested, RequestInformation, NeedsInformation, Party.Reviewer),
        new(UpdateRequested, Reject, Rejected, Party.Reviewer),
        // The verified data stays; the proposed change is kept in the history.
        new(UpdateRequested, DeclineUpdate, Active, Party.Reviewer),
        // The source-of-funds questionnaire changes no status (it answers a checklist item when one asks for it).
        new(Pending, AnswerQuestionnaire, null, Party.CustomerSide),
        new(NeedsInformation, AnswerQuestionnaire, null, Party.CustomerSide),
        new(Active, AnswerQuestionnaire, null, Party.CustomerSide),
        new(UpdateRequested, AnswerQuestionnaire, null, Party.CustomerSide),
        new(OnHold, AnswerQuestionnaire, null, Party.CustomerSide),
        new(Rejected, AnswerQuestionnaire, null, Party.CustomerSide),
        // The partner withdraws an application nobody has decided yet: its personal data is erased.
        new(Pending, Withdraw, Rejected, Party.CustomerSide),
        new(NeedsInformation, Withdraw, Rejected, Party.CustomerSide),
        .. InPlace(AddNote, Party.Assistant, Enum.GetValues<CustomerStatus>()),
        .. InPlace(Assign, Party.Reviewer, Enum.GetValues<CustomerStatus>()),
        .. InPlace(RecordChecks, Party.System, Enum.GetValues<CustomerStatus>()),
        // Documents and checks are reviewed while the customer may still be decided, not after a rejection.
        .. InPlace(ReviewDocument, Party.Reviewer, Pending, NeedsInformation, Active, UpdateRequested, OnHold),
        .. InPlace(ResolveCheck, Party.Reviewer, Pending, NeedsInformation, Active, UpdateRequested, OnHold),
        // Screening runs whenever the screened data changes or a list is imported; its hits are decided like checks.
        .. InPlace(RecordScreening, Party.System, Enum.GetValues<CustomerStatus>()),
        .. InPlace(DecideHit, Party.Reviewer, Pending, NeedsInformation, Active, UpdateRequested, OnHold),
        .. InPlace(AssessRisk, Party.System, Enum.GetValues<CustomerStatus>()),
        // Periodic review of an active customer: no change here; a request for information or a rejection are their own verbs.
        new(Active, CompleteReview, Active, Party.Reviewer),
        new(Active, Reject, Rejected, Party.Reviewer),
        // A verified customer needs no link; after a rejection only a retryable one does (checked in WhyNot).
        .. InPlace(IssueLink, Party.PartnerOrAssistant, Pending, NeedsInformation, UpdateRequested, OnHold, Rejected),
        // A staged decision exists where an approval or a rejection does; confirming applies it (the decision says where to).
        .. StagedIn.Select(status => new Transition(status, ConfirmDecision, null, Party.Reviewer)),
        .. InPlace(SendBackDecision, Party.Reviewer, StagedIn),
        // Dropped by the system when the evidence changes before it is confirmed.
        .. InPlace(DropDecision, Party.System, StagedIn),
    ];

    private static CustomerStatus[] StagedIn => [Pending, NeedsInformation, UpdateRequested, OnHold];

    private static IEnumerable<Transition> InPlace(CustomerAction action, Party by, params CustomerStatus[] statuses) =>
        statuses.Select(status => new Transition(status, action, status, by));

    public static Transition? Find(CustomerStatus from, CustomerAction action) =>
        Table.FirstOrDefault(t => t.From == from && t.Action == action);

    public static string Name(CustomerAction action) => action switch
    {
        Submit => "Submit",
        Approve => "Approve",
        Reject => "Reject",
        RequestInformation => "Request information",
        CustomerAction.Hold => "Hold",
        Release => "Release",
        ProvideInformation => "Provide information",
        Resubmit => "Resubmit",
        SubmitUpdate => "Submit update",
        ApproveUpdate => "Approve update",
        DeclineUpdate => "Decline update",
        AnswerQuestionnaire => "Answer the source-of-funds questionnaire",
        WakeUp => "Wake up",
        Withdraw => "Withdraw",
        AddNote => "Add note",
        Assign => "Assign",
        IssueLink => "New verification link",
        ReviewDocument => "Review documents",
        ResolveCheck => "Resolve check",
        RecordChecks => "Record checks",
        RecordScreening => "Record screening",
        DecideHit => "Decide screening hit",
        AssessRisk => "Assess risk",
        CompleteReview => "Complete review (no change)",
        ConfirmDecision => "Confirm the staged decision",
        SendBackDecision => "Send the staged decision back",
        DropDecision => "Drop the staged decision",
    };
}

/// <summary>An action as a screen sees it: allowed, or why not, in plain language.</summary>
/// <param name="SecondReview">The rule that holds this decision for a second reviewer (for Reject: when final).</param>
public sealed record ActionOption(CustomerAction Action, Party By, bool Allowed, string? WhyNot, FourEyes.SecondReviewRule? SecondReview = null)
{
    public string Name => CustomerTransitions.Name(Action);
}
