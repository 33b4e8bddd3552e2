using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.ReasonCodes;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Customers;

public sealed partial class Customer
{
    /// <summary>
    /// What may happen now, for this actor: every action, allowed or with the reason it is not, and the decisions the
    /// second-review rules would stage rather than apply.
    /// </summary>
    public IReadOnlyList<ActionOption> AllowedActions(Actor actor, RequirementPolicy policy, DateTimeOffset at, SecondReviewRules? rules = null) =>
        [.. Enum.GetValues<CustomerAction>().Select(action =>
        {
            var whyNot = WhyNot(action, actor, policy, at);
            var by = CustomerTransitions.Find(Status, action)?.By
                ?? CustomerTransitions.Table.First(t => t.Action == action).By;
            var secondReview = (action, rules) switch
            {
                (_, null) => null,
                (CustomerAction.Approve, { } r) => SecondReviewFor(StagedAction.Approve, false, r),
                (CustomerAction.ApproveUpdate, { } r) => SecondReviewFor(StagedAction.ApproveUpdate, false, r),
                (CustomerAction.Reject, { } r) => SecondReviewFor(StagedAction.Reject, true, r),
                _ => null,
            };
            return new ActionOption(action, by, whyNot is null, whyNot, secondReview);
        })];

    /// <summary>Null when the action may happen; otherwise the reason in plain language. The one place the rules are checked.</summary>
    public string? WhyNot(CustomerAction action, Actor actor, RequirementPolicy policy, DateTimeOffset at) =>
        WhyNotHere(action, actor)
        ?? (StagedProblem(action, actor) is { } staged ? $"{CustomerTransitions.Name(action)} is unavailable: {staged}." : null)
        ?? WhyNotRegardlessOfStaged(action, actor, policy, at);

    /// <summary><see cref="WhyNot"/> but for a staged decision waiting: what confirming it checks of the decision itself.</summary>
    private string? WhyNotRegardlessOfStaged(CustomerAction action, Actor actor, RequirementPolicy policy, DateTimeOffset at)
    {
        if (WhyNotHere(action, actor) is { } refused)
        {
            return refused;
        }
        var name = CustomerTransitions.Name(action);
        var problem = action switch
        {
            CustomerAction.Submit when SubmittedAt is { } submitted => $"the data was already submitted on {submitted:yyyy-MM-dd}",
            CustomerAction.Approve or CustomerAction.ApproveUpdate => ApprovalProblem(policy, Today(at)),
            CustomerAction.Resubmit or CustomerAction.AnswerQuestionnaire or CustomerAction.IssueLink
                when Status == CustomerStatus.Rejected && LastRejection?.Final == true => "the rejection is final",
            CustomerAction.WakeUp when Hold?.WakeUpAt is not { } wake || wake > at => "the hold has no wake-up date that has passed",
            CustomerAction.IssueLink when Model != VerificationModel.Hosted => "only hosted customers verify through a link; this one is verified by its partner",
            CustomerAction.ReviewDocument when documents.Count == 0 => "the customer has no documents",
            CustomerAction.ResolveCheck when !Checks.Any(c => c.IsOpen) => "no automated check is open",
            CustomerAction.DecideHit when OpenHits == 0 => "no screening hit is open",
            CustomerAction.CompleteReview when !IsReviewDue(at) => NextReviewOn is { } next
                ? $"the next periodic review is due on {next:yyyy-MM-dd}" : "no periodic review is scheduled",
            // An active customer is rejected only at a periodic review, or once a sanctions match is confirmed.
            CustomerAction.Reject when Status == CustomerStatus.Active && !IsReviewDue(at)
                && !ScreeningHits.Any(h => h.Verdict == Screening.HitVerdict.TrueMatch && !h.IsPep)
                => "an active customer is rejected at a periodic review or after a confirmed sanctions match; ask for information or hold it otherwise",
            _ => null,
        };
        return problem is null ? null : $"{name} is unavailable: {problem}.";
    }

    /// <summary>The table's part of <see cref="WhyNot"/>: whether the action exists in this status, and for this actor.</summary>
    private string? WhyNotHere(CustomerAction action, Actor actor)
    {
        var name = CustomerTransitions.Name(action);
        var transition = CustomerTransitions.Find(Status, action);
        if (transition is null)
        {
            return $"{name} is unavailable: the customer's status is {Wire.Of(Status)}.";
        }
        return WhyNotBy(transition.By, actor) is { } who ? $"{name} is unavailable: {who}." : null;
    }

    /// <summary>Null when the actor is of the party that takes the action; otherwise who may.</summary>
    private static string? WhyNotBy(Party by, Actor actor) => by switch
    {
        Party.Reviewer => actor.Reviews ? null : "only a reviewer can do this",
        Party.Assistant => actor.Assists ? null : "only support, a reviewer or an admin can do this",
        Party.CustomerSide => actor.IsCustomerSide ? null : "only the partner or the end user can do this",
        Party.PartnerOrAssistant => actor.Kind == ActorKind.Partner || actor.Assists ? null : "only the partner or the platform's support can do this",
        Party.System => actor.Kind == ActorKind.System ? null : "the system does this by itself",
    };

    private string? ApprovalProblem(RequirementPolicy policy, DateOnly today)
    {
        if (SubmittedAt is null)
        {
            return "nothing has been submitted yet";
        }
        var failing = RequirementEngine.EvaluateLevel(this, policy, today).FirstOrDefault(r => !r.IsSatisfied);
        if (failing is not null)
        {
            return failing.Reason;
        }
        if (documents.FirstOrDefault(d => d.State == DocumentReviewState.Received) is { } waiting)
        {
            return $"the {waiting.Describe()} received on {waiting.ReceivedAt:yyyy-MM-dd} is waiting for review";
        }
        return Checks.FirstOrDefault(c => c.IsUnresolvedFailure) is not { } check ? ScreeningProblem()
            : check.ResolvedAt is null ? $"the automated check {check.Code} failed ({check.Detail}) and is not resolved"
            : $"the automated check {check.Code} was confirmed by {check.ResolvedBy}: the customer is to be rejected";
    }

    private void Guard(CustomerAction action, Actor actor, RequirementPolicy policy, DateTimeOffset at)
    {
        if (WhyNot(action, actor, policy, at) is { } why)
        {
            throw new DomainRuleException(why);
        }
    }

    /// <summary>
    /// Data sent by the partner or end user, whatever the status: the first submission of a customer created empty,
    /// an answer to the checklist, or an update of an active customer. Anything else is refused with the reason.
    /// Returns the action it was taken as.
    /// </summary>
    public CustomerAction ReceiveData(Actor actor, DateTimeOffset at, CustomerChanges changes, RequirementPolicy policy)
    {
        switch (Status)
        {
            case CustomerStatus.Pending when SubmittedAt is null:
                Submit(actor, at, changes, policy);
                return CustomerAction.Submit;
            case CustomerStatus.NeedsInformation:
                ProvideInformation(actor, at, changes, policy);
                return CustomerAction.ProvideInformation;
            case CustomerStatus.Active:
                SubmitUpdate(actor, at, changes);
                return CustomerAction.SubmitUpdate;
            case CustomerStatus.Rejected:
                throw new DomainRuleException(LastRejection?.Final == true
                    ? "Data cannot be sent: the customer was rejected and the rejection is final."
                    : "Data cannot be sent: the customer was rejected; resubmit with the corrected data instead.");
            default:
                throw new DomainRuleException(
                    $"Data cannot be sent now: the customer is {Wire.Words(Status)} and waits for a reviewer, who will ask if anything is needed.");
        }
    }

    /// <summary>The end user's (or partner's) first submission of a hosted customer created empty.</summary>
    public void Submit(Actor actor, DateTimeOffset at, CustomerChanges changes, RequirementPolicy policy)
    {
        Guard(CustomerAction.Submit, actor, policy, at);
        var before = Status;
        Apply(changes, at, actor);
        HandOver(actor, at, "submitted", before, policy);
        // Complete data leaves the customer pending, as it was: still a step the partner follows.
        if (Status == before)
        {
            Raise(new DataSubmitted(this, Status, at));
        }
    }

    /// <summary>Approves, or stages the approval when a second-review rule holds it (<paramref name="rules"/>).</summary>
    public DecisionEffect Approve(Actor actor, DateTimeOffset at, RequirementPolicy policy, string? note = null, SecondReviewRules? rules = null)
    {
        Guard(CustomerAction.Approve, actor, policy, at);
        Limit("Approve", "note", note, MaxNoteLength);
        if (StagedInstead(actor, at, rules, new StagedDecision { Action = StagedAction.Approve, Note = note?.Trim() }))
        {
            return DecisionEffect.Staged;
        }
        ApplyApproval(actor, at, policy, note);
        return DecisionEffect.Applied;
    }

    private void ApplyApproval(Actor actor, DateTimeOffset at, RequirementPolicy policy, string? note)
    {
        var before = Status;
        // An update that went through an information request is approved with the rest.
        var approved = PendingChanges;
        var evidence = Evidence(policy, at);
        CommitProposal(at);
        MoveTo(CustomerStatus.Active, at);
        Checklist = [];
        InformationRequestMessage = null;
        Record(actor, at, "approved", before, note: note, details: new { evidence, changes = approved.Count > 0 ? approved : null });
    }

    public DecisionEffect ApproveUpdate(Actor actor, DateTimeOffset at, RequirementPolicy policy, string? note = null, SecondReviewRules? rules = null)
    {
        Guard(CustomerAction.ApproveUpdate, actor, policy, at);
        Limit("Approve update", "note", note, MaxNoteLength);
        if (StagedInstead(actor, at, rules, new StagedDecision { Action = StagedAction.ApproveUpdate, Note = note?.Trim() }))
        {
            return DecisionEffect.Staged;
        }
        ApplyUpdateApproval(actor, at, policy, note);
        return DecisionEffect.Applied;
    }

    private void ApplyUpdateApproval(Actor actor, DateTimeOffset at, RequirementPolicy policy, string? note)
    {
        var before = Status;
        var approved = PendingChanges;
        var evidence = Evidence(policy, at);
        CommitProposal(at);
        MoveTo(CustomerStatus.Active, at);
        Record(actor, at, "update_approved", before, note: note, details: new { changes = approved, evidence });
    }

    /// <summary>Rejects, or stages the rejection when a second-review rule holds it (a final one, by default).</summary>
    public DecisionEffect Reject(
        Actor actor, DateTimeOffset at, IReadOnlyList<string> reasonCodes, bool final, string customerMessage, string? internalNote,
        SecondReviewRules? rules = null)
    {
        Guard(CustomerAction.Reject, actor, RequirementPolicy.Default, at);
        Reasons("Reject", reasonCodes, customerMessage, internalNote);
        var staged = new StagedDecision
        {
            Action = StagedAction.Reject, ReasonCodes = [.. reasonCodes.Distinct()], Final = final,
            CustomerMessage = customerMessage.Trim(), Note = internalNote?.Trim(),
        };
        if (StagedInstead(actor, at, rules, staged))
        {
            return DecisionEffect.Staged;
        }
        ApplyRejection(actor, at, reasonCodes, final, customerMessage, internalNote);
        return DecisionEffect.Applied;
    }

    private void ApplyRejection(
        Actor actor, DateTimeOffset at, IReadOnlyList<string> reasonCodes, bool final, string customerMessage, string? internalNote)
    {
        var before = Status;
        var discarded = PendingChanges;
        MoveTo(CustomerStatus.Rejected, at);
        LastRejection = new Rejection
        {
            ReasonCodes = [.. reasonCodes.Distinct()],
            Final = final,
            CustomerMessage = customerMessage.Trim(),
            InternalNote = internalNote?.Trim(),
            At = at,
            By = actor.Name,
        };
        Hold = null;
        Checklist = [];
        InformationRequestMessage = null;
        // The verified data stays as it was; the update that was proposed is kept in the trail.
        Proposed = null;
        Record(actor, at, "rejected", before, LastRejection.ReasonCodes, internalNote,
            new { final, customerMessage = LastRejection.CustomerMessage, declinedChanges = discarded.Count > 0 ? discarded : null });
    }

    /// <summary>
    /// A reviewer declines an update of a verified customer: the verified data stays, the customer stays active, the
    /// proposed change is kept in the trail and the partner is told why.
    /// </summary>
    public void DeclineUpdate(Actor actor, DateTimeOffset at, IReadOnlyList<string> reasonCodes, string customerMessage, string? internalNote)
    {
        Guard(CustomerAction.DeclineUpdate, actor, RequirementPolicy.Default, at);
        Reasons("Decline update", reasonCodes, customerMessage, internalNote);
        var before = Status;
        LastDeclinedUpdate = new DeclinedUpdate
        {
            ReasonCodes = [.. reasonCodes.Distinct()], CustomerMessage = customerMessage.Trim(), Changes = PendingChanges, At = at, By = actor.Name,
        };
        Proposed = null;
        MoveTo(CustomerStatus.Active, at);
        Record(actor, at, "update_declined", before, LastDeclinedUpdate.ReasonCodes, internalNote,
            new { customerMessage = LastDeclinedUpdate.CustomerMessage, declinedChanges = LastDeclinedUpdate.Changes }, LastDeclinedUpdate);
    }

    /// <summary>What a rejection and a decline both need: known reason codes and a message for the customer.</summary>
    private static void Reasons(string verb, IReadOnlyList<string> reasonCodes, string customerMessage, string? internalNote)
    {
        if (reasonCodes.Count == 0)
        {
            throw new DomainRuleException($"{verb} needs at least one reason code.");
        }
        if (reasonCodes.FirstOrDefault(code => ReasonCatalogue.Find(code) is null) is { } unknown)
        {
            throw new DomainRuleException($"{verb} refused: '{unknown}' is not a reason code of the catalogue.");
        }
        if (reasonCodes.Contains(ReasonCatalogue.Withdrawn))
        {
            throw new DomainRuleException($"{verb} refused: '{ReasonCatalogue.Withdrawn}' is recorded only when the partner withdraws the application.");
        }
        if (string.IsNullOrWhiteSpace(customerMessage))
        {
            throw new DomainRuleException($"{verb} needs a message for the customer.");
        }
        Limit(verb, "customer message", customerMessage, MaxMessageLength);
        Limit(verb, "internal note", internalNote, MaxNoteLength);
    }

    public void RequestInformation(Actor actor, DateTimeOffset at, IReadOnlyList<ChecklistRequest> items, string customerMessage)
    {
        Guard(CustomerAction.RequestInformation, actor, RequirementPolicy.Default, at);
        if (items.Count == 0)
        {
            throw new DomainRuleException("Request information needs at least one checklist item.");
        }
        if (items.Any(i => string.IsNullOrWhiteSpace(i.Instruction)))
        {
            throw new DomainRuleException("Request information needs an instruction for every checklist item.");
        }
        if (string.IsNullOrWhiteSpace(customerMessage))
        {
            throw new DomainRuleException("Request information needs a message for the customer.");
        }
        Limit("Request information", "customer message", customerMessage, MaxMessageLength);
        foreach (var item in items)
        {
            Limit("Request information", "instruction", item.Instruction, MaxShortTextLength);
        }
        var before = Status;
        MoveTo(CustomerStatus.NeedsInformation, at);
        Checklist = [.. items.DistinctBy(i => i.Code).Select(i => new ChecklistItem { Code = i.Code, Instruction = i.Instruction.Trim(), RequestedAt = at })];
        InformationRequestMessage = customerMessage.Trim();
        Record(actor, at, "information_requested", before, note: InformationRequestMessage,
            details: new { checklist = Checklist.Select(i => new { code = i.Code.ToString(), instruction = i.Instruction }) });
    }

    public void PutOnHold(Actor actor, DateTimeOffset at, string reason, DateTimeOffset? wakeUpAt)
    {
        Guard(CustomerAction.Hold, actor, RequirementPolicy.Default, at);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Hold needs a reason.");
        }
        Limit("Hold", "reason", reason, MaxShortTextLength);
        if (wakeUpAt is { } wake && wake <= at)
        {
            throw new DomainRuleException($"Hold refused: the wake-up date {wake:yyyy-MM-dd HH:mm} is not in the future.");
        }
        var before = Status;
        Hold = new Hold { Reason = reason.Trim(), HeldFrom = Status, Since = at, WakeUpAt = wakeUpAt, By = actor.Name };
        MoveTo(CustomerStatus.OnHold, at);
        Record(actor, at, "put_on_hold", before, note: Hold.Reason, details: new { wakeUpAt });
    }

    public void Release(Actor actor, DateTimeOffset at, string note)
    {
        Guard(CustomerAction.Release, actor, RequirementPolicy.Default, at);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Release needs a note.");
        }
        Limit("Release", "note", note, MaxNoteLength);
        var before = Status;
        var held = Hold!;
        MoveTo(held.HeldFrom, at);
        Hold = null;
        Record(actor, at, "released", before, note: note, details: new { heldSince = held.Since, heldFor = held.Reason });
    }

    /// <summary>The system returns a hold whose wake-up date has passed to the status it was held from.</summary>
    public void WakeUp(Actor actor, DateTimeOffset at)
    {
        Guard(CustomerAction.WakeUp, actor, RequirementPolicy.Default, at);
        var before = Status;
        var held = Hold!;
        MoveTo(held.HeldFrom, at);
        Hold = null;
        Record(actor, at, "woke_up", before, note: $"Wake-up date {held.WakeUpAt:yyyy-MM-dd HH:mm} UTC reached.",
            details: new { heldSince = held.Since, heldFor = held.Reason });
    }

    /// <summary>
    /// The partner withdraws an application nobody has decided yet (the public API's DELETE). The personal data, the
    /// documents, the questionnaire and the link are erased; the customer stays, rejected for good with the reason
    /// <c>withdrawn</c>, so the trail keeps what happened and who did it. A customer once decided is kept for the
    /// record-keeping period instead (refused here by the table).
    /// </summary>
    public void Withdraw(Actor actor, DateTimeOffset at)
    {
        Guard(CustomerAction.Withdraw, actor, RequirementPolicy.Default, at);
        DropStaged(at, "the partner withdrew the application");
        var before = Status;
        var erased = documents.Count;
        Person = null;
        Company = null;
        Proposed = null;
        documents.Clear();
        received.Clear();
        SourceOfFunds = null;
        Checks = [];
        ScreeningHits = [];
        OpenHits = 0;
        Checklist = [];
        InformationRequestMessage = null;
        VerificationLinkHash = null;
        VerificationLinkExpiresAt = null;
        (Name, SortName, Email, NationalId, BirthDate) = ("(withdrawn)", "(withdrawn)", null, null, null);
        WithdrawnAt = at;
        MoveTo(CustomerStatus.Rejected, at);
        LastRejection = new Rejection
        {
            ReasonCodes = [ReasonCatalogue.Withdrawn], Final = true, At = at, By = actor.Name,
            CustomerMessage = ReasonCatalogue.Find(ReasonCatalogue.Withdrawn)!.CustomerMessage,
        };
        Record(actor, at, "withdrawn", before, [ReasonCatalogue.Withdrawn], details: new { documentsErased = erased });
    }

    /// <summary>An internal note from any member of staff who may write one; it changes nothing else.</summary>
    public void AddNote(Actor actor, DateTimeOffset at, string note)
    {
        Guard(CustomerAction.AddNote, actor, RequirementPolicy.Default, at);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Add note needs some text.");
        }
        Limit("Add note", "note", note, MaxNoteLength);
        Record(actor, at, "note_added", Status, note: note.Trim());
    }

    public const int MaxNoteLength = 2000;
    public const int MaxMessageLength = 2000;
    public const int MaxShortTextLength = 500;

    /// <summary>Refuses text longer than its field holds, naming the verb and the field.</summary>
    private static void Limit(string verb, string field, string? text, int max)
    {
        if (text is not null && text.Trim().Length > max)
        {
            throw new DomainRuleException($"{verb} refused: the {field} holds at most {max} characters.");
        }
    }

    /// <summary>
    /// The customer's side answers the checklist. An item is ticked off only by what it asks for: a field by that field
    /// (changed, or sent again to confirm it), a document by a new document of that type, the questionnaire by a complete
    /// questionnaire. When none is left the customer goes back to pending (or on to the next outstanding requirement);
    /// a partial answer is recorded and the rest stays open.
    /// </summary>
    public void ProvideInformation(Actor actor, DateTimeOffset at, CustomerChanges changes, RequirementPolicy policy)
    {
        Guard(CustomerAction.ProvideInformation, actor, policy, at);
        var before = Status;
        var today = Today(at);
        var valuesBefore = OpenChecklist.ToDictionary(i => i.Code, i => RequirementEngine.Evaluate(this, i.Code, policy, today).Evidence);
        var firstNewDocument = documents.Count;
        Apply(changes, at, actor);
        var added = documents.Skip(firstNewDocument).ToList();
        Checklist = [.. Checklist.Select(item => item.IsOpen && Answers(item, changes, added, valuesBefore.GetValueOrDefault(item.Code), policy, today)
            ? item with { ProvidedAt = at } : item)];

        var open = OpenChecklist;
        if (open.Count > 0)
        {
            Record(actor, at, "information_provided", before, details: new
            {
                answered = Checklist.Where(i => i.ProvidedAt == at).Select(i => Requirement.Name(i.Code)),
                stillOpen = open.Select(i => Requirement.Name(i.Code)),
            });
        }
        else
        {
            HandOver(actor, at, "information_provided", before, policy);
        }
        DropStaged(at, "the customer's side sent new information");
    }

    private bool Answers(
        ChecklistItem item, CustomerChanges changes, IReadOnlyList<Document> added, string? valueBefore, RequirementPolicy policy, DateOnly today)
    {
        var now = RequirementEngine.Evaluate(this, item.Code, policy, today);
        if (now.State is not (RequirementState.Satisfied or RequirementState.PendingReview))
        {
            return false;
        }
        // A requested document needs a new one of its kind: the one on file is what prompted the request.
        if (Requirement.IsDocument(item.Code))
        {
            return added.Any(d => Requirement.IsMetBy(item.Code, d.Type) && !d.IsExpiredOn(today));
        }
        return item.Code switch
        {
            RequirementCode.SourceOfFunds => changes.SourceOfFunds is not null,
            RequirementCode.LivenessAttestation => changes.LivenessAttested,
            _ => changes.Confirmed?.Contains(item.Code) == true || now.Evidence != valueBefore,
        };
    }

    /// <summary>
    /// The source-of-funds questionnaire from the partner or the end user, in any status but a final rejection: a new
    /// answer replaces the last. While information is requested it answers the checklist like any other reply.
    /// </summary>
    public void AnswerSourceOfFunds(Actor actor, DateTimeOffset at, SourceOfFundsAnswers answers, RequirementPolicy policy)
    {
        Guard(CustomerAction.AnswerQuestionnaire, actor, policy, at);
        if (Status == CustomerStatus.NeedsInformation)
        {
            ProvideInformation(actor, at, new CustomerChanges(SourceOfFunds: answers), policy);
            return;
        }
        var first = SourceOfFunds is null;
        AnswerQuestionnaire(answers, at, actor);
        Record(actor, at, first ? "source_of_funds_answered" : "source_of_funds_replaced", Status, details: new { answers = SourceOfFunds!.Answers.ForTrail() });
        DropStaged(at, "the source-of-funds questionnaire was answered");
    }

    public void Resubmit(Actor actor, DateTimeOffset at, CustomerChanges changes, RequirementPolicy policy)
    {
        Guard(CustomerAction.Resubmit, actor, policy, at);
        var before = Status;
        Apply(changes, at, actor);
        SubmittedAt = at;
        MoveTo(CustomerStatus.Pending, at);
        Record(actor, at, "resubmitted", before, details: new { previousReasons = LastRejection?.ReasonCodes });
    }

    /// <summary>
    /// Changed data of an active customer. Contact only: stays active. Name, birth date or address: the change is kept
    /// beside the verified data and reviewed (update_requested). Nationality or country of incorporation: full
    /// re-verification (pending).
    /// </summary>
    public void SubmitUpdate(Actor actor, DateTimeOffset at, CustomerChanges changes)
    {
        Guard(CustomerAction.SubmitUpdate, actor, RequirementPolicy.Default, at);
        var (person, company) = Checked(changes);
        var changed = Type == CustomerType.Individual ? Diff(Person, person ?? Person) : Diff(Company, company ?? Company);
        var newDocuments = changes.Documents?.Count ?? 0;
        if (changed.Count == 0 && newDocuments == 0)
        {
            throw new DomainRuleException("Submit update refused: the update changes nothing.");
        }
        var before = Status;
        var fields = changed.Select(c => c.Field).ToHashSet();
        string action;
        if (fields.Overlaps(["nationality", "countryOfIncorporation"]))
        {
            Apply(changes, at, actor);
            MoveTo(CustomerStatus.Pending, at);
            SubmittedAt = at;
            action = "update_submitted_full_reverification";
        }
        else if (fields.IsSubsetOf(["email", "phone"]) && newDocuments == 0)
        {
            Apply(changes, at, actor);
            action = "contact_updated";
        }
        else
        {
            // Kept beside the verified data until a reviewer approves or declines it.
            Propose(person, company, at, actor.Name);
            Apply(changes with { Person = null, Company = null }, at, actor);
            MoveTo(CustomerStatus.UpdateRequested, at);
            SubmittedAt = at;
            action = "update_submitted";
        }
        Record(actor, at, action, before, details: new { changes = changed });
    }

    public void AcceptDocument(Actor actor, DateTimeOffset at, Guid documentId, string? note = null)
    {
        var document = DocumentForReview(actor, at, documentId, "Accept document");
        if (document.State == DocumentReviewState.Accepted)
        {
            throw new DomainRuleException($"Accept document refused: the {document.Describe()} is already accepted.");
        }
        document.Accept(actor, at);
        Record(actor, at, "document_accepted", Status, note: note,
            details: new { documentId, type = Wire.Of(document.Type), sha256 = document.File?.Hash, expiresOn = document.ExpiresOn, issuedOn = document.IssuedOn });
        DropStaged(at, $"{actor.Name} accepted the {document.Describe()}");
    }

    public void RejectDocument(Actor actor, DateTimeOffset at, Guid documentId, string reasonCode, string? note = null)
    {
        var document = DocumentForReview(actor, at, documentId, "Reject document");
        if (ReasonCatalogue.Find(reasonCode) is null)
        {
            throw new DomainRuleException($"Reject document refused: '{reasonCode}' is not a reason code of the catalogue.");
        }
        if (document.State == DocumentReviewState.Rejected)
        {
            throw new DomainRuleException($"Reject document refused: the {document.Describe()} is already rejected.");
        }
        document.Reject(actor, at, reasonCode);
        Record(actor, at, "document_rejected", Status, [reasonCode], note, new { documentId, type = Wire.Of(document.Type), sha256 = document.File?.Hash });
        DropStaged(at, $"{actor.Name} rejected the {document.Describe()}");
    }

    private Document DocumentForReview(Actor actor, DateTimeOffset at, Guid documentId, string name)
    {
        Guard(CustomerAction.ReviewDocument, actor, RequirementPolicy.Default, at);
        return documents.FirstOrDefault(d => d.Id == documentId)
            ?? throw new DomainRuleException($"{name} refused: the customer has no such document.");
    }

    /// <summary>
    /// Stores the automated checks of the latest submission (run by the system). A reviewer's resolution carries over
    /// only to the same finding on the same data; when the data the check looked at changed, the check is open again.
    /// </summary>
    public void RecordChecks(Actor actor, DateTimeOffset at, IReadOnlyList<CheckResult> results)
    {
        Guard(CustomerAction.RecordChecks, actor, RequirementPolicy.Default, at);
        var previous = Checks;
        Checks = [.. results.Select(r =>
            previous.FirstOrDefault(p => p.ResolvedAt is not null && p.Code == r.Code && p.Outcome == r.Outcome && p.Basis == r.Basis) is { } kept
                ? r with { At = at, ResolvedAt = kept.ResolvedAt, ResolvedBy = kept.ResolvedBy, Resolution = kept.Resolution, Verdict = kept.Verdict }
                : r with { At = at })];
        var invalidated = previous.Where(p => p.ResolvedAt is not null && !Checks.Any(c => c.Code == p.Code && c.ResolvedAt == p.ResolvedAt))
            .Select(p => p.Code).ToList();
        Record(actor, at, "checks_recorded", Status, details: new
        {
            results = Checks.Select(c => new { c.Code, outcome = c.Outcome.ToString().ToLowerInvariant(), c.Detail }),
            resolutionsInvalidated = invalidated.Count > 0 ? invalidated : null,
        });
        DropStaged(at, "new automated check results were recorded");
    }

    /// <summary>
    /// A reviewer resolves a failed or warning check: cleared (a false positive, with a note saying why) or confirmed
    /// (the finding stands, and the customer is to be rejected with the check's reason code).
    /// </summary>
    public void ResolveCheck(Actor actor, DateTimeOffset at, string code, CheckVerdict verdict, string? note)
    {
        if (WhyNotResolve(actor, code) is { } why)
        {
            throw new DomainRuleException(why);
        }
        if (verdict == CheckVerdict.Cleared && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Clear check needs a note saying why the finding is a false positive.");
        }
        Limit("Resolve check", "note", note, MaxNoteLength);
        var check = Checks.First(c => c.Code == code);
        Checks = [.. Checks.Select(c => c.Code == code ? c with { ResolvedAt = at, ResolvedBy = actor.Name, Resolution = note?.Trim(), Verdict = verdict } : c)];
        Record(actor, at, verdict == CheckVerdict.Cleared ? "check_cleared" : "check_confirmed", Status, note: note?.Trim(),
            details: new { code, outcome = check.Outcome.ToString().ToLowerInvariant(), check.Detail });
        DropStaged(at, $"{actor.Name} {(verdict == CheckVerdict.Cleared ? "cleared" : "confirmed")} the check {code}");
    }

    /// <summary>Null when this actor may resolve this check now; otherwise why not.</summary>
    public string? WhyNotResolve(Actor actor, string code) =>
        WhyNotHere(CustomerAction.ResolveCheck, actor)
        ?? (Checks.FirstOrDefault(c => c.Code == code) is not { } check ? $"Resolve check refused: there is no check {code}."
            : check.Outcome == CheckOutcome.Pass ? $"Resolve check refused: the check {code} passed."
            : check.ResolvedAt is not null ? $"Resolve check refused: the check {code} was already resolved by {check.ResolvedBy}."
            : null);

    /// <summary>Claims the customer for a member of staff (null releases the claim).</summary>
    public void Assign(Actor actor, DateTimeOffset at, string? assigneeId, string? assigneeName)
    {
        Guard(CustomerAction.Assign, actor, RequirementPolicy.Default, at);
        var previous = AssigneeName;
        AssigneeId = assigneeId;
        AssigneeName = assigneeId is null ? null : assigneeName;
        Record(actor, at, assigneeId is null ? "unassigned" : "assigned", Status, details: new { from = previous, to = AssigneeName });
    }

    private IReadOnlyList<string> Evidence(RequirementPolicy policy, DateTimeOffset at) =>
        [.. RequirementEngine.EvaluateLevel(this, policy, Today(at)).Select(r => $"{r.Name}: {r.Evidence}")];

    private static List<FieldChange> Diff(PersonData? old, PersonData? now) => Diff(
        ("firstName", old?.FirstName, now?.FirstName),
        ("lastName", old?.LastName, now?.LastName),
        ("birthDate", old?.BirthDate?.ToString("yyyy-MM-dd"), now?.BirthDate?.ToString("yyyy-MM-dd")),
        ("nationality", old?.Nationality, now?.Nationality),
        ("email", old?.Email, now?.Email),
        ("phone", old?.Phone, now?.Phone),
        ("address", old?.Address?.ToString(), now?.Address?.ToString()),
        ("nationalId", old?.NationalId, now?.NationalId));

    private static List<FieldChange> Diff(CompanyData? old, CompanyData? now) => Diff(
        ("legalName", old?.LegalName, now?.LegalName),
        ("registrationNumber", old?.RegistrationNumber, now?.RegistrationNumber),
        ("countryOfIncorporation", old?.CountryOfIncorporation, now?.CountryOfIncorporation),
        ("email", old?.Email, now?.Email),
        ("phone", old?.Phone, now?.Phone),
        ("address", old?.RegisteredAddress?.ToString(), now?.RegisteredAddress?.ToString()),
        ("beneficialOwners", Owners(old), Owners(now)));

    private static string? Owners(CompanyData? company) =>
        company is null ? null : string.Join("; ", company.Owners.Select(o => o.Person.FullName));

    private static List<FieldChange> Diff(params (string Field, string? Old, string? New)[] fields) =>
        [.. fields.Where(f => !string.Equals(f.Old ?? "", f.New ?? "", StringComparison.Ordinal))
            .Select(f => new FieldChange(f.Field, f.Old, f.New))];
}
