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
}

/// <summary>Who may take an action: a reviewer (staff who review), the customer's side (partner or end user), or the system's timers.</summary>
public enum Party
{
    Reviewer,
    CustomerSide,
    System,
}

/// <summary>One allowed move. <see cref="To"/> is null where the verb decides (release, submit, update).</summary>
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
    ];

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
        _ => action.ToString(),
    };
}

/// <summary>An action as a screen sees it: allowed, or why not, in plain language.</summary>
public sealed record ActionOption(CustomerAction Action, Party By, bool Allowed, string? WhyNot)
{
    public string Name => CustomerTransitions.Name(Action);
}
