using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>
/// A partner's customer being verified. State changes only through the verbs (in Customer.Verbs.cs), each guarded by
/// <see cref="CustomerTransitions"/> and appending its audit entry. Time and actor always come from the caller.
/// </summary>
public sealed partial class Customer : Audited
{
    public const string SubjectType = "customer";

    private readonly List<Document> documents = [];

    // Documents taken since the last audit entry: that entry names each (id, type, SHA-256), so every upload is traceable.
    private readonly List<Document> received = [];

    private Customer()
    {
    }

    public Guid Id { get; private set; }
    public CustomerType Type { get; private set; }
    public VerificationLevel Level { get; private set; }
    public VerificationModel Model { get; private set; }
    public CustomerStatus Status { get; private set; }

    public string PartnerId { get; private set; } = "";
    public string? PartnerReference { get; private set; }

    public PersonData? Person { get; private set; }
    public CompanyData? Company { get; private set; }
    public IReadOnlyList<Document> Documents => documents;
    public DateTimeOffset? LivenessAttestedAt { get; private set; }
    public SourceOfFunds? SourceOfFunds { get; private set; }

    /// <summary>An update of a verified customer under review, kept beside the verified data until decided.</summary>
    public ProposedUpdate? Proposed { get; private set; }
    public DeclinedUpdate? LastDeclinedUpdate { get; private set; }
    /// <summary>The data a reviewer decides on: the proposed update when there is one, else the data on file.</summary>
    public PersonData? PersonUnderReview => Proposed?.Person ?? Person;
    public CompanyData? CompanyUnderReview => Proposed?.Company ?? Company;

    /// <summary>Person's full name or company's legal name, kept as a column for search and sorting.</summary>
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? NationalId { get; private set; }
    /// <summary>A person's birth date, kept beside the name so "same name and birth date" is an indexed lookup.</summary>
    public DateOnly? BirthDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>When the customer's side last handed data over for review; the reviewer's SLA runs from here.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }
    /// <summary>When the partner withdrew the application and its personal data was erased; partners no longer see it.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];
    /// <summary>The customer-facing message sent with the open information request.</summary>
    public string? InformationRequestMessage { get; private set; }
    public Hold? Hold { get; private set; }
    public Rejection? LastRejection { get; private set; }
    /// <summary>Changed fields of an update under re-verification, old → new.</summary>
    public IReadOnlyList<FieldChange> PendingChanges => Proposed?.Changes ?? [];
    public IReadOnlyList<CheckResult> Checks { get; private set; } = [];

    /// <summary>Whose move it is, kept as an indexed column so the queue's views are index range scans.</summary>
    public WorkQueue Queue { get; private set; }
    /// <summary>
    /// Since when the customer waits in its queue: for a reviewer, since the customer's side last handed data over
    /// (its own waiting time does not count); for a hold with a wake-up date, from that date on; otherwise since the
    /// status changed. The reviewers' view is "needs review and waiting since before now".
    /// </summary>
    public DateTimeOffset WaitingSince { get; private set; }
    /// <summary>
    /// The staff clock of the review cycle under way: time already spent waiting for a reviewer in this cycle, and since
    /// when it runs now (null while the customer's side has the move or the case is on hold). A final decision closes
    /// the cycle and records its total in its audit entry (<see cref="AuditEntry.StaffSeconds"/>), which the reports read.
    /// </summary>
    public TimeSpan StaffTimeInCycle { get; private set; }
    public DateTimeOffset? StaffClockFrom { get; private set; }
    /// <summary>"Last first" for people, the legal name for companies: searching by surname uses an index too.</summary>
    public string SortName { get; private set; } = "";

    /// <summary>An approval or rejection one reviewer took that waits for a second reviewer (Customer.SecondReview.cs).</summary>
    public StagedDecision? Staged { get; private set; }

    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }

    public IReadOnlyList<ChecklistItem> OpenChecklist => [.. Checklist.Where(i => i.IsOpen)];

    public static Customer Create(Actor actor, DateTimeOffset at, NewCustomer input, RequirementPolicy policy)
    {
        if (!actor.IsCustomerSide && actor.Kind != ActorKind.System)
        {
            throw new DomainRuleException("Create is unavailable: customers are created by a partner.");
        }
        if (string.IsNullOrWhiteSpace(input.PartnerId))
        {
            throw new DomainRuleException("Create needs the partner the customer belongs to.");
        }
        var customer = new Customer
        {
            Id = Guid.NewGuid(),
            Type = input.Type,
            Level = input.Level,
            Model = input.Model,
            PartnerId = input.PartnerId,
            PartnerReference = input.PartnerReference?.Trim(),
            CreatedAt = at,
            StatusChangedAt = at,
        };
        var changes = new CustomerChanges(input.Person, input.Company, input.Documents, input.LivenessAttested);
        customer.Apply(changes, at, actor);

        var sentNothing = input.Person is null && input.Company is null && (input.Documents?.Count ?? 0) == 0;
        if (input.Model == VerificationModel.Hosted && sentNothing)
        {
            customer.Status = CustomerStatus.Pending;
            customer.Record(actor, at, "created", null, details: new { awaiting = "the end user's first submission through the hosted link" });
            return customer;
        }
        customer.HandOver(actor, at, "created", null, policy);
        return customer;
    }

    /// <summary>Requirements of the level the customer's side must still provide (missing or failed).</summary>
    public IReadOnlyList<RequirementResult> Outstanding(RequirementPolicy policy, DateOnly today) =>
        [.. RequirementEngine.EvaluateLevel(this, policy, today)
            .Where(r => r.State is RequirementState.Missing or RequirementState.Failed)];

    /// <summary>
    /// Data handed over for review: complete → pending with the review clock started; otherwise needs information
    /// with the outstanding requirements as the checklist.
    /// </summary>
    private void HandOver(Actor actor, DateTimeOffset at, string action, CustomerStatus? before, RequirementPolicy policy)
    {
        var outstanding = Outstanding(policy, Today(at));
        SubmittedAt = at;
        if (outstanding.Count == 0)
        {
            MoveTo(CustomerStatus.Pending, at);
            Checklist = [];
            InformationRequestMessage = null;
            Record(actor, at, action, before);
            return;
        }
        MoveTo(CustomerStatus.NeedsInformation, at);
        Checklist = [.. outstanding.Select(r => new ChecklistItem { Code = r.Code, Instruction = r.Reason!.Capitalised() + ".", RequestedAt = at })];
        InformationRequestMessage = "Some information is still needed to complete verification: "
            + string.Join(", ", outstanding.Select(r => r.Name.ToLowerInvariant())) + ".";
        Record(actor, at, action, before, details: new { missing = outstanding.Select(r => new { code = r.Code.ToString(), reason = r.Reason }) });
    }

    /// <summary>
    /// Takes the customer side's data. While an update is under review, new data joins the proposal instead of the
    /// verified data, so a decline can still keep what was verified.
    /// </summary>
    private void Apply(CustomerChanges changes, DateTimeOffset at, Actor? actor = null)
    {
        var (person, company) = Checked(changes);
        if (Proposed is { } proposal && (person is not null || company is not null))
        {
            Propose(person ?? proposal.Person, company ?? proposal.Company, proposal.SubmittedAt, proposal.SubmittedBy);
        }
        else
        {
            Person = person ?? Person;
            Company = company ?? Company;
        }
        foreach (var document in changes.Documents ?? [])
        {
            var taken = new Document(document, at);
            documents.Add(taken);
            received.Add(taken);
        }
        if (changes.LivenessAttested)
        {
            LivenessAttestedAt ??= at;
        }
        if (changes.SourceOfFunds is { } answers)
        {
            AnswerQuestionnaire(answers, at, actor ?? Actor.System);
        }
        Name = Type == CustomerType.Individual ? Person?.FullName ?? "" : Company?.LegalName?.Trim() ?? "";
        SortName = Type == CustomerType.Individual
            ? string.Join(' ', new[] { Person?.LastName, Person?.FirstName }.Where(n => !string.IsNullOrWhiteSpace(n)))
            : Name;
        Email = (Type == CustomerType.Individual ? Person?.Email : Company?.Email)?.Trim().ToLowerInvariant();
        NationalId = Person?.NationalId?.Trim();
        BirthDate = Person?.BirthDate;
    }

    /// <summary>The sent data normalised, refused when it is of the wrong type of customer.</summary>
    private (PersonData? Person, CompanyData? Company) Checked(CustomerChanges changes)
    {
        if (changes.Person is not null && Type != CustomerType.Individual)
        {
            throw new DomainRuleException("A business customer has company data, not personal data.");
        }
        if (changes.Company is not null && Type != CustomerType.Business)
        {
            throw new DomainRuleException("An individual customer has personal data, not company data.");
        }
        return (changes.Person is { } p ? Normalise(p) : null,
            changes.Company is { } c ? Normalise(c) : null);
    }

    private void Propose(PersonData? person, CompanyData? company, DateTimeOffset at, string by) => Proposed = new ProposedUpdate
    {
        Person = person,
        Company = company,
        Changes = Type == CustomerType.Individual ? Diff(Person, person ?? Person) : Diff(Company, company ?? Company),
        SubmittedAt = at,
        SubmittedBy = by,
    };

    /// <summary>An approval makes the proposed update the verified data.</summary>
    private void CommitProposal(DateTimeOffset at)
    {
        if (Proposed is { } proposal)
        {
            Proposed = null;
            Apply(new CustomerChanges(proposal.Person, proposal.Company), at);
        }
    }

    private void AnswerQuestionnaire(SourceOfFundsAnswers answers, DateTimeOffset at, Actor actor)
    {
        if (answers.Problems(Type) is { Count: > 0 } problems)
        {
            throw new DomainRuleException("The source-of-funds questionnaire is incomplete: " + string.Join("; ", problems) + ".");
        }
        SourceOfFunds = new SourceOfFunds { Answers = answers.Normalised(Type), AnsweredAt = at, AnsweredBy = actor.Name, AnsweredByKind = actor.Kind };
    }

    private static PersonData Normalise(PersonData person) => person with
    {
        FirstName = person.FirstName?.Trim(),
        LastName = person.LastName?.Trim(),
        Nationality = person.Nationality?.Trim().ToUpperInvariant(),
        Email = person.Email?.Trim(),
        NationalId = person.NationalId?.Trim(),
    };

    private static CompanyData Normalise(CompanyData company) => company with
    {
        LegalName = company.LegalName?.Trim(),
        RegistrationNumber = company.RegistrationNumber?.Trim(),
        CountryOfIncorporation = company.CountryOfIncorporation?.Trim().ToUpperInvariant(),
        Email = company.Email?.Trim(),
        Owners = [.. company.Owners.Select(o => o with { Person = Normalise(o.Person) })],
    };

    private void MoveTo(CustomerStatus status, DateTimeOffset at)
    {
        if (status != Status)
        {
            StatusChangedAt = at;
        }
        Status = status;
    }

    private void Record(
        Actor actor, DateTimeOffset at, string action, CustomerStatus? before, IReadOnlyList<string>? reasons = null,
        string? note = null, object? details = null, DeclinedUpdate? declined = null)
    {
        if (before is { } from && from != Status)
        {
            Raise(new StatusChanged(this, from, Status, at, declined));
        }
        Reviewed(before, at);
        var queue = Status switch
        {
            CustomerStatus.Pending when SubmittedAt is not null => WorkQueue.NeedsReview,
            CustomerStatus.UpdateRequested => WorkQueue.NeedsReview,
            CustomerStatus.Pending or CustomerStatus.NeedsInformation => WorkQueue.WaitingOnCustomer,
            // A hold that will wake up is the reviewer's move again from its wake-up date.
            CustomerStatus.OnHold when Hold?.WakeUpAt is not null => WorkQueue.NeedsReview,
            CustomerStatus.OnHold => WorkQueue.OnHold,
            CustomerStatus.Rejected => WorkQueue.Rejected,
            CustomerStatus.Active => WorkQueue.Active,
        };
        // A staged decision is the checker's move, waiting since it was staged; the staff clock runs on as it did.
        Queue = Staged is null ? queue : WorkQueue.SecondReview;
        WaitingSince = Staged is { } staged ? staged.StagedAt
            : Status == CustomerStatus.OnHold ? Hold?.WakeUpAt ?? StatusChangedAt
            : queue == WorkQueue.NeedsReview ? SubmittedAt ?? StatusChangedAt
            : StatusChangedAt;
        Append(actor, at, AuditEntry.Create(actor, at, SubjectType, Id.ToString(), Id, action,
            before is { } b ? Wire.Of(b) : null, Wire.Of(Status), reasons, note, WithPending(details),
            staffTime: RunStaffClock(at, queue, decided: before is { } was && was != Status && Status is CustomerStatus.Active or CustomerStatus.Rejected)));
    }

    /// <summary>
    /// Moves the staff clock on to <paramref name="at"/>: it runs while the customer waits for a reviewer (pending or an
    /// update, in the review queue), stops while the customer's side has the move or the case is on hold. A decision
    /// closes the cycle: its staff time is returned and the clock starts from zero for the next cycle.
    /// </summary>
    private TimeSpan? RunStaffClock(DateTimeOffset at, WorkQueue queue, bool decided)
    {
        var spent = StaffTimeInCycle + (StaffClockFrom is { } from && at > from ? at - from : TimeSpan.Zero);
        if (decided)
        {
            (StaffTimeInCycle, StaffClockFrom) = (TimeSpan.Zero, null);
            return spent;
        }
        var running = queue == WorkQueue.NeedsReview && Status is CustomerStatus.Pending or CustomerStatus.UpdateRequested;
        if (running)
        {
            StaffClockFrom ??= at;
        }
        else
        {
            (StaffTimeInCycle, StaffClockFrom) = (spent, null);
        }
        return null;
    }

    /// <summary>
    /// The details with what the next entry must also say: the documents received since the last entry, and the two
    /// reviewers when it applies a confirmed decision.
    /// </summary>
    private object? WithPending(object? details)
    {
        if (received.Count == 0 && confirmation is null)
        {
            return details;
        }
        var merged = details is null ? [] : System.Text.Json.JsonSerializer.SerializeToNode(details, System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
        if (received.Count > 0)
        {
            merged["documentsReceived"] = System.Text.Json.JsonSerializer.SerializeToNode(received.Select(d => new
            {
                documentId = d.Id, type = Wire.Of(d.Type), sha256 = d.File?.Hash, mediaType = d.File?.MediaType, size = d.File?.Size,
                backSha256 = d.Back?.Hash,
            }));
            received.Clear();
        }
        if (confirmation is not null)
        {
            merged["secondReview"] = System.Text.Json.JsonSerializer.SerializeToNode(confirmation, System.Text.Json.JsonSerializerOptions.Web);
            confirmation = null;
        }
        return merged;
    }

    internal static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

}
