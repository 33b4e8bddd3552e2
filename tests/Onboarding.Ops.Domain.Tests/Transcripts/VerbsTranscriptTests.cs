using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests.Transcripts;

/// <summary>
/// Each customer verb with good and bad input: what it recorded (the audit entry and the customer afterwards) or the
/// refusal it gave. Text limits are tried at their length and one past it.
/// </summary>
public sealed class VerbsTranscriptTests
{
    private static readonly DateTimeOffset At = A.T0.AddDays(1);
    private static readonly Actor Admin = Actor.Admin("staff-admin", "Ada Admin");

    private static string Text(int length) => new('x', length);

    [Fact]
    public void CreateAndSubmit()
    {
        var t = new Transcript();
        t.Heading("create");
        var individual = new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.PartnerVerified, "lumen-wallet", " ref-9 ",
            A.Person(" Camila ", " Restrepo ") with { Email = " Camila.Restrepo@Example.CO ", Nationality = " co ", NationalId = " 1020 " },
            Documents: [A.Passport()]);
        Create(t, "by the partner, complete", A.Partner, individual);
        Create(t, "by the partner, no documents", A.Partner, individual with { Documents = null });
        Create(t, "by the partner, without a partner id", A.Partner, individual with { PartnerId = " " });
        Create(t, "by a reviewer", A.Reviewer, individual);
        Create(t, "by an end user", A.EndUser, individual);
        Create(t, "by the system", Actor.System, individual);
        Create(t, "an individual with company data", A.Partner, individual with { Company = A.Company() });
        Create(t, "hosted, empty", A.Partner, individual with { Model = VerificationModel.Hosted, Person = null, Documents = null });
        Create(t, "hosted, documents only", A.Partner, individual with { Model = VerificationModel.Hosted, Person = null });
        Create(t, "hosted, data only", A.Partner, individual with { Model = VerificationModel.Hosted, Documents = null });
        var business = new NewCustomer(CustomerType.Business, VerificationLevel.Basic, VerificationModel.PartnerVerified, "lumen-wallet", null,
            Company: A.Company() with { LegalName = " Andes Logística S.A.S. ", Email = " Finanzas@AndesLogistica.CO " },
            Documents: [new NewDocument(DocumentType.CertificateOfIncorporation, "CO", IssuedOn: new DateOnly(2026, 1, 10))]);
        Create(t, "a business, complete", A.Partner, business);
        Create(t, "a business with personal data", A.Partner, business with { Person = A.Person() });
        Create(t, "a business without owners", A.Partner, business with { Company = A.Company(withOwner: false) });
        Create(t, "a business at advanced level", A.Partner, business with { Level = VerificationLevel.Advanced });

        t.Heading("hosted submission");
        var hosted = A.HostedEmpty();
        t.Try("submit nothing but a passport", hosted, () => hosted.Submit(A.EndUser, At, new CustomerChanges(Documents: [A.Passport()]), A.Policy));
        State(t, hosted);
        hosted = A.HostedEmpty();
        t.Try("submit complete, liveness attested", hosted, () => hosted.Submit(A.EndUser, At,
            new CustomerChanges(A.Person(), Documents: [A.Passport(), A.Selfie()], LivenessAttested: true), A.Policy));
        State(t, hosted);
        t.Try("submit again", hosted, () => hosted.Submit(A.EndUser, At.AddHours(1), new CustomerChanges(A.Person()), A.Policy));
        t.Verify("verbs-create");
    }

    [Fact]
    public void Decisions()
    {
        var t = new Transcript();
        t.Heading("approve");
        var pending = A.Pending();
        t.Try("with the passport not yet reviewed", pending, () => pending.Approve(A.Reviewer, At, A.Policy));
        var approvable = A.Approvable();
        t.Try("by support", approvable, () => approvable.Approve(A.Support, At, A.Policy));
        t.Try("by a reviewer, with a note", approvable, () => approvable.Approve(A.Reviewer, At, A.Policy, " Looks right. "));
        State(t, approvable);
        var expired = A.Approvable();
        t.Try("with the passport expired by then", expired, () => expired.Approve(A.Reviewer, new DateTimeOffset(2031, 5, 2, 0, 0, 0, TimeSpan.Zero), A.Policy));

        t.Heading("reject");
        foreach (var (name, codes, message, note) in new (string, string[], string, string?)[]
                 {
                     ("no reason", [], "Sorry.", null),
                     ("an unknown reason", ["name_mismatch", "made_up"], "Sorry.", null),
                     ("the partner's withdrawal as a reason", ["withdrawn"], "Sorry.", null),
                     ("no message", ["name_mismatch"], "  ", null),
                     ("the longest message", ["name_mismatch"], Text(Customer.MaxMessageLength), null),
                     ("a message too long", ["name_mismatch"], Text(Customer.MaxMessageLength + 1), null),
                     ("the longest note", ["name_mismatch"], "Sorry.", Text(Customer.MaxNoteLength)),
                     ("a note too long", ["name_mismatch"], "Sorry.", Text(Customer.MaxNoteLength + 1)),
                     ("reasons twice, trimmed texts", ["name_mismatch", "name_mismatch", "document_expired"], " The name differs. ", " Typo? "),
                 })
        {
            var customer = A.Approvable();
            t.Try(name, customer, () => customer.Reject(A.Reviewer, At, codes, false, message, note));
            if (customer.Status == CustomerStatus.Rejected && codes.Length == 3)
            {
                State(t, customer);
            }
        }
        var updating = A.InStatus(CustomerStatus.UpdateRequested);
        t.Try("an update under review, for good", updating, () => updating.Reject(A.Reviewer, At, ["document_edited"], true, "Altered.", null));
        State(t, updating);

        t.Heading("updates");
        updating = A.InStatus(CustomerStatus.UpdateRequested);
        t.Try("approve the update", updating, () => updating.ApproveUpdate(A.Reviewer, At, A.Policy));
        State(t, updating);
        updating = A.InStatus(CustomerStatus.UpdateRequested);
        t.Try("decline without a message", updating, () => updating.DeclineUpdate(A.Reviewer, At, ["name_mismatch"], "", null));
        t.Try("decline", updating, () => updating.DeclineUpdate(A.Reviewer, At, ["name_mismatch"], " Keep the old name. ", " Old passport. "));
        State(t, updating);
        var active = A.Active();
        t.Try("update changing nothing", active, () => active.SubmitUpdate(A.Partner, At, new CustomerChanges(A.Person())));
        t.Try("update of the phone", active, () => active.SubmitUpdate(A.Partner, At, new CustomerChanges(A.Person() with { Phone = "+573009999999" })));
        State(t, active);
        t.Try("update with a document", active, () => active.SubmitUpdate(A.Partner, At.AddHours(1), new CustomerChanges(Documents: [A.ProofOfAddress()])));
        State(t, active);
        t.Try("more data while it is reviewed", active, () => active.ReceiveData(A.Partner, At.AddHours(2), new CustomerChanges(A.Person()), A.Policy));
        active = A.Active();
        t.Try("update of the nationality", active, () => active.SubmitUpdate(A.Partner, At, new CustomerChanges(A.Person() with { Nationality = "PE" })));
        State(t, active);
        active = A.Active();
        t.Try("update of the address", active, () => active.SubmitUpdate(A.Partner, At, new CustomerChanges(A.Person() with
            { Address = new Address { Line1 = "Calle 1", City = "Lima", PostalCode = "15001", CountryCode = "PE" } })));
        State(t, active);
        t.Try("information asked about the update", active, () => active.RequestInformation(A.Reviewer, At.AddHours(1),
            [new(RequirementCode.ProofOfAddress, "A bill at the new address.")], "Please send a bill."));
        t.Try("the bill and a new phone", active, () => active.ProvideInformation(A.Partner, At.AddHours(2),
            new CustomerChanges(A.Person() with { Phone = "+51987654321", Address = new Address { Line1 = "Calle 1", City = "Lima", PostalCode = "15001", CountryCode = "PE" } },
                Documents: [A.ProofOfAddress()]), A.Policy));
        State(t, active);
        t.Try("approve the update", active, () => active.Approve(A.Reviewer, At.AddHours(3), A.Policy));
        t.Try("accept the bill", active, () => active.AcceptDocument(A.Reviewer, At.AddHours(3), active.Documents[^1].Id));
        t.Try("approve the update", active, () => active.Approve(A.Reviewer, At.AddHours(3), A.Policy));
        State(t, active);
        active = A.Active();
        t.Try("company data for a person", active, () => active.SubmitUpdate(A.Partner, At, new CustomerChanges(Company: A.Company())));

        var company = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Minimum,
            VerificationModel.PartnerVerified, "lumen-wallet", Company: A.Company()), A.Policy);
        company.Approve(A.Reviewer, A.T0.AddHours(1), A.Policy);
        t.Try("personal data for a company", company, () => company.SubmitUpdate(A.Partner, At, new CustomerChanges(A.Person())));
        t.Try("a company's new owner", company, () => company.SubmitUpdate(A.Partner, At, new CustomerChanges(Company: A.Company() with
            { Owners = [new BeneficialOwner { Person = A.Person("Lucía", "Quintero"), OwnershipPercent = 40 }] })));
        State(t, company);
        t.Try("a company's new email while under review", company, () => company.ReceiveData(A.Partner, At.AddHours(1),
            new CustomerChanges(Company: A.Company() with { Email = "pagos@andeslogistica.co" }), A.Policy));
        t.Try("information asked about the owner", company, () => company.RequestInformation(A.Reviewer, At.AddHours(1),
            [new(RequirementCode.Email, "Confirm the company's email.")], "Please confirm."));
        t.Try("a new email with the owner", company, () => company.ReceiveData(A.Partner, At.AddHours(2), new CustomerChanges(Company: A.Company() with
            { Email = "pagos@andeslogistica.co", Owners = [new BeneficialOwner { Person = A.Person("Lucía", "Quintero"), OwnershipPercent = 40 }] }), A.Policy));
        State(t, company);
        t.Try("approve the company's update", company, () => company.Approve(A.Reviewer, At.AddHours(3), A.Policy));
        State(t, company);

        t.Heading("data by status");
        foreach (var status in Enum.GetValues<CustomerStatus>())
        {
            var customer = A.InStatus(status);
            t.Try($"data for a {Wire.Of(status)} customer", customer,
                () => customer.ReceiveData(A.Partner, At, new CustomerChanges(A.Person() with { Email = "new@example.co" }), A.Policy));
        }
        var final = A.Approvable();
        final.Reject(A.Reviewer, A.T0.AddHours(3), ["document_edited"], true, "Altered.", null);
        t.Try("data after a final rejection", final, () => final.ReceiveData(A.Partner, At, new CustomerChanges(A.Person()), A.Policy));
        var rejected = A.InStatus(CustomerStatus.Rejected);
        t.Try("resubmit", rejected, () => rejected.Resubmit(A.Partner, At, new CustomerChanges(A.Person(last: "Restrepo Vélez")), A.Policy));
        State(t, rejected);
        t.Verify("verbs-decisions");
    }

    [Fact]
    public void TheReviewLoop()
    {
        var t = new Transcript();
        t.Heading("request information");
        foreach (var (name, items, message) in new (string, ChecklistRequest[], string)[]
                 {
                     ("no item", [], "Please."),
                     ("an item without instruction", [new(RequirementCode.ProofOfAddress, "A bill."), new(RequirementCode.IdentityDocument, " ")], "Please."),
                     ("no message", [new(RequirementCode.ProofOfAddress, "A bill.")], " "),
                     ("the longest instruction and message", [new(RequirementCode.ProofOfAddress, Text(Customer.MaxShortTextLength))], Text(Customer.MaxMessageLength)),
                     ("an instruction too long", [new(RequirementCode.ProofOfAddress, Text(Customer.MaxShortTextLength + 1))], "Please."),
                     ("a message too long", [new(RequirementCode.ProofOfAddress, "A bill.")], Text(Customer.MaxMessageLength + 1)),
                     ("an item twice", [new(RequirementCode.ProofOfAddress, " A bill. "), new(RequirementCode.ProofOfAddress, "Again."),
                         new(RequirementCode.Email, "Your work email."), new(RequirementCode.SourceOfFunds, "Where the money comes from.")], " Two things. "),
                 })
        {
            var customer = A.Approvable();
            t.Try(name, customer, () => customer.RequestInformation(A.Reviewer, At, items, message));
        }
        var asked = A.Approvable();
        asked.RequestInformation(A.Reviewer, At, [new(RequirementCode.ProofOfAddress, "A bill."), new(RequirementCode.Email, "Confirm your email."),
            new(RequirementCode.SourceOfFunds, "Where the money comes from."), new(RequirementCode.LivenessAttestation, "A selfie.")], "Four things.");
        t.Try("answer the email only, unchanged", asked, () => asked.ProvideInformation(A.Partner, At.AddHours(1), new CustomerChanges(A.Person()), A.Policy));
        t.Try("confirm the email", asked, () => asked.ProvideInformation(A.Partner, At.AddHours(2),
            new CustomerChanges(A.Person(), Confirmed: new HashSet<RequirementCode> { RequirementCode.Email }), A.Policy));
        t.Try("an expired proof of address", asked, () => asked.ProvideInformation(A.Partner, At.AddHours(3),
            new CustomerChanges(Documents: [A.ProofOfAddress(new DateOnly(2025, 1, 1))]), A.Policy));
        t.Try("a passport instead", asked, () => asked.ProvideInformation(A.Partner, At.AddHours(3), new CustomerChanges(Documents: [A.Passport()]), A.Policy));
        t.Try("an incomplete questionnaire", asked, () => asked.AnswerSourceOfFunds(A.Partner, At.AddHours(4), A.Questionnaire() with { Purpose = null }, A.Policy));
        t.Try("the questionnaire", asked, () => asked.AnswerSourceOfFunds(A.Partner, At.AddHours(4), A.Questionnaire(), A.Policy));
        t.Try("liveness", asked, () => asked.ProvideInformation(A.EndUser, At.AddHours(5), new CustomerChanges(LivenessAttested: true), A.Policy));
        t.Try("a proof of address", asked, () => asked.ProvideInformation(A.Partner, At.AddHours(6), new CustomerChanges(Documents: [A.ProofOfAddress()]), A.Policy));
        State(t, asked);
        var active = A.Active();
        t.Try("a questionnaire while active", active, () => active.AnswerSourceOfFunds(A.Partner, At, A.Questionnaire(), A.Policy));
        t.Try("a new questionnaire", active, () => active.AnswerSourceOfFunds(A.EndUser, At.AddHours(1), A.Questionnaire() with { Occupation = "Nurse" }, A.Policy));

        t.Heading("hold");
        foreach (var (name, reason, wake) in new (string, string, DateTimeOffset?)[]
                 {
                     ("no reason", " ", null),
                     ("the longest reason", Text(Customer.MaxShortTextLength), null),
                     ("a reason too long", Text(Customer.MaxShortTextLength + 1), null),
                     ("waking now", "Screening.", At),
                     ("waking a minute later", " Screening. ", At.AddMinutes(1)),
                 })
        {
            var customer = A.Approvable();
            t.Try(name, customer, () => customer.PutOnHold(A.Reviewer, At, reason, wake));
            if (customer.Status == CustomerStatus.OnHold && wake is not null)
            {
                State(t, customer);
                t.Try("wake up a second early", customer, () => customer.WakeUp(Actor.System, At));
                t.Try("wake up on time", customer, () => customer.WakeUp(Actor.System, At.AddMinutes(1)));
                State(t, customer);
            }
        }
        foreach (var (name, note) in new[] { ("release without a note", " "), ("release with the longest note", Text(Customer.MaxNoteLength)),
                     ("release with a note too long", Text(Customer.MaxNoteLength + 1)) })
        {
            var held = A.InStatus(CustomerStatus.OnHold);
            t.Try(name, held, () => held.Release(A.Reviewer, At, note));
        }
        var fromInformation = A.InStatus(CustomerStatus.NeedsInformation);
        fromInformation.PutOnHold(A.Reviewer, At, "Waiting for a call.", null);
        State(t, fromInformation);
        t.Try("release back to needs information", fromInformation, () => fromInformation.Release(A.Reviewer, At.AddHours(1), "Called."));
        State(t, fromInformation);

        t.Heading("withdraw");
        foreach (var status in Enum.GetValues<CustomerStatus>())
        {
            var customer = A.InStatus(status, VerificationModel.Hosted);
            t.Try($"a {Wire.Of(status)} customer, by the partner", customer, () => customer.Withdraw(A.Partner, At));
        }
        var withdrawn = A.HostedAskedFor(RequirementCode.ProofOfAddress, "A bill.");
        withdrawn.IssueVerificationLink(A.Partner, A.T0.AddHours(2), TimeSpan.FromDays(14));
        withdrawn.AnswerSourceOfFunds(A.Partner, A.T0.AddHours(3), A.Questionnaire(), A.Policy);
        t.Try("by a reviewer", withdrawn, () => withdrawn.Withdraw(A.Reviewer, At));
        t.Try("asked for a bill, with a link and a questionnaire", withdrawn, () => withdrawn.Withdraw(A.Partner, At));
        State(t, withdrawn);
        t.Line($"   link {withdrawn.VerificationLinkHash ?? "none"} until {withdrawn.VerificationLinkExpiresAt?.ToString("MM-dd") ?? "-"}, withdrawn {withdrawn.WithdrawnAt:MM-dd HH:mm}");
        t.Try("again", withdrawn, () => withdrawn.Withdraw(A.Partner, At));
        t.Try("resubmitted after", withdrawn, () => withdrawn.Resubmit(A.Partner, At, new CustomerChanges(A.Person()), A.Policy));

        t.Heading("notes and assignment");
        foreach (var (name, note) in new[] { ("empty note", ""), ("the longest note", Text(Customer.MaxNoteLength)), ("a note too long", Text(Customer.MaxNoteLength + 1)),
                     ("a note", " Called the end user. ") })
        {
            var customer = A.Pending();
            t.Try(name, customer, () => customer.AddNote(A.Support, At, note));
        }
        var claimed = A.Pending();
        t.Try("assign to Rui", claimed, () => claimed.Assign(A.Reviewer, At, "staff-reviewer", "Rui Reviewer"));
        State(t, claimed);
        t.Try("unassign, with a name", claimed, () => claimed.Assign(A.Reviewer, At, null, "Rui Reviewer"));
        State(t, claimed);
        t.Try("assign by the partner", claimed, () => claimed.Assign(A.Partner, At, "x", "X"));
        t.Verify("verbs-review-loop");
    }

    [Fact]
    public void DocumentsChecksAndLinks()
    {
        var t = new Transcript();
        t.Heading("documents");
        var customer = A.Pending();
        var passport = customer.Documents[0].Id;
        t.Try("accept an unknown document", customer, () => customer.AcceptDocument(A.Reviewer, At, Guid.Empty));
        t.Try("reject with an unknown reason", customer, () => customer.RejectDocument(A.Reviewer, At, passport, "blurry"));
        t.Try("reject", customer, () => customer.RejectDocument(A.Reviewer, At, passport, "document_unreadable", "Glare."));
        t.Try("reject again", customer, () => customer.RejectDocument(A.Reviewer, At, passport, "document_unreadable"));
        t.Try("accept", customer, () => customer.AcceptDocument(A.Reviewer, At, passport, "Readable after all."));
        t.Try("accept again", customer, () => customer.AcceptDocument(A.Reviewer, At, passport));
        t.Try("accept by support", customer, () => customer.AcceptDocument(A.Support, At, passport));
        var minimum = A.Pending(VerificationLevel.Minimum);
        t.Try("review without documents", minimum, () => minimum.AcceptDocument(A.Reviewer, At, Guid.Empty));

        t.Heading("checks");
        var checkedCustomer = A.Approvable();
        CheckResult Check(string code, CheckOutcome outcome, string basis) => new() { Code = code, Outcome = outcome, Detail = $"{code} {outcome}", Basis = basis };
        t.Try("resolve when none is open", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "duplicate", CheckVerdict.Cleared, "No."));
        t.Try("record", checkedCustomer, () => checkedCustomer.RecordChecks(Actor.System, At,
            [Check("format", CheckOutcome.Pass, "a"), Check("duplicate", CheckOutcome.Fail, "b"), Check("placeholder_data", CheckOutcome.Warn, "c")]));
        t.Try("record by a reviewer", checkedCustomer, () => checkedCustomer.RecordChecks(A.Reviewer, At, []));
        t.Try("resolve an unknown check", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "sanctions", CheckVerdict.Cleared, "No."));
        t.Try("resolve a passed check", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "format", CheckVerdict.Cleared, "No."));
        t.Try("clear without a note", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "duplicate", CheckVerdict.Cleared, " "));
        t.Try("clear with a note too long", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "duplicate", CheckVerdict.Cleared, Text(Customer.MaxNoteLength + 1)));
        t.Try("clear by support", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Support, At, "duplicate", CheckVerdict.Cleared, "Twins."));
        t.Try("approve with the check open", checkedCustomer, () => checkedCustomer.Approve(A.Reviewer, At, A.Policy));
        t.Try("clear with the longest note", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "duplicate", CheckVerdict.Cleared, Text(Customer.MaxNoteLength)));
        t.Try("clear again", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "duplicate", CheckVerdict.Cleared, "Twins."));
        t.Try("confirm the warning without a note", checkedCustomer, () => checkedCustomer.ResolveCheck(A.Reviewer, At, "placeholder_data", CheckVerdict.Confirmed, null));
        State(t, checkedCustomer);
        t.Try("approve with a confirmed warning", checkedCustomer, () => checkedCustomer.Approve(A.Reviewer, At, A.Policy));
        checkedCustomer = A.Approvable();
        checkedCustomer.RecordChecks(Actor.System, At, [Check("duplicate", CheckOutcome.Fail, "b"), Check("age_of_majority", CheckOutcome.Fail, "d")]);
        checkedCustomer.ResolveCheck(A.Reviewer, At, "duplicate", CheckVerdict.Cleared, "Twins.");
        checkedCustomer.ResolveCheck(A.Reviewer, At, "age_of_majority", CheckVerdict.Confirmed, "16 on the passport.");
        t.Try("approve with a confirmed failure", checkedCustomer, () => checkedCustomer.Approve(A.Reviewer, At, A.Policy));
        t.Try("same findings on the same data", checkedCustomer, () => checkedCustomer.RecordChecks(Actor.System, At.AddHours(1),
            [Check("duplicate", CheckOutcome.Fail, "b"), Check("age_of_majority", CheckOutcome.Fail, "d")]));
        State(t, checkedCustomer);
        t.Try("the duplicate on new data, the age now a warning", checkedCustomer, () => checkedCustomer.RecordChecks(Actor.System, At.AddHours(2),
            [Check("duplicate", CheckOutcome.Fail, "b2"), Check("age_of_majority", CheckOutcome.Warn, "d")]));
        State(t, checkedCustomer);

        t.Heading("verification links");
        foreach (var (name, actor, lifetime, reason) in new (string, Actor, TimeSpan, string?)[]
                 {
                     ("by the partner", A.Partner, TimeSpan.FromDays(14), null),
                     ("by the partner, no lifetime", A.Partner, TimeSpan.Zero, null),
                     ("by support without a reason", A.Support, TimeSpan.FromDays(14), " "),
                     ("by support with the longest reason", A.Support, TimeSpan.FromDays(14), Text(Customer.MaxShortTextLength)),
                     ("by support with a reason too long", A.Support, TimeSpan.FromDays(14), Text(Customer.MaxShortTextLength + 1)),
                     ("by an admin", Admin, TimeSpan.FromDays(1), " Lost it. "),
                     ("by a reviewer", A.Reviewer, TimeSpan.FromDays(1), "Lost it."),
                     ("by the end user", A.EndUser, TimeSpan.FromDays(1), null),
                 })
        {
            var hosted = A.HostedEmpty();
            t.Try(name, hosted, () => hosted.IssueVerificationLink(actor, At, lifetime, reason));
            if (hosted.VerificationLinkHash is not null && actor == A.Partner)
            {
                t.Try("again", hosted, () => hosted.IssueVerificationLink(actor, At.AddHours(1), lifetime, reason));
                t.Line($"   events: {string.Join(", ", hosted.TakeNewEvents().Select(e => e.GetType().Name))}");
            }
        }
        var partnerVerified = A.Pending();
        t.Try("for a partner-verified customer", partnerVerified, () => partnerVerified.IssueVerificationLink(A.Partner, At, TimeSpan.FromDays(1)));
        t.Verify("verbs-documents-checks-links");
    }

    private static void Create(Transcript t, string name, Actor actor, NewCustomer input)
    {
        try
        {
            var customer = Customer.Create(actor, A.T0, input, A.Policy);
            t.Line($"{name} -> created");
            foreach (var entry in customer.TakeNewAuditEntries())
            {
                t.Entry(entry);
            }
            State(t, customer);
        }
        catch (DomainRuleException refused)
        {
            t.Line($"{name} -> refused: {refused.Message}");
        }
    }

    /// <summary>The customer as the back office shows it after a step.</summary>
    private static void State(Transcript t, Customer c)
    {
        t.Line($"   = {Wire.Of(c.Type)} {Wire.Of(c.Model)} {Wire.Of(c.Level)} {Wire.Of(c.Status)} in {c.Queue} waiting since {c.WaitingSince:MM-dd HH:mm}, changed {c.StatusChangedAt:MM-dd HH:mm}"
            + $", submitted {c.SubmittedAt:MM-dd HH:mm}; \"{c.Name}\" sorted \"{c.SortName}\" <{c.Email}> id {c.NationalId} born {c.BirthDate:yyyy-MM-dd}"
            + $" ref {c.PartnerReference} liveness {c.LivenessAttestedAt:MM-dd HH:mm}");
        if (c.AssigneeId is not null || c.AssigneeName is not null)
        {
            t.Line($"   assigned to {c.AssigneeId}/{c.AssigneeName}");
        }
        if (c.Person is { } p)
        {
            t.Line($"   person {p.FirstName}|{p.LastName}|{p.Nationality}|{p.Email}|{p.Phone}|{p.Address}");
        }
        if (c.Company is { } co)
        {
            t.Line($"   company {co.LegalName}|{co.Email}|{co.CountryOfIncorporation}|owners {string.Join("; ", co.Owners.Select(o => o.Person.FullName))}");
        }
        if (c.Proposed is { } proposed)
        {
            t.Line($"   proposed by {proposed.SubmittedBy} {proposed.SubmittedAt:MM-dd HH:mm}: {string.Join("; ", proposed.Changes.Select(f => $"{f.Field} {f.Old} -> {f.New}"))}"
                + $" (person {proposed.Person?.FullName}, company {proposed.Company?.LegalName}|{proposed.Company?.Email}|{proposed.Company?.Owners.Count})");
            t.Line($"   under review: {c.PersonUnderReview?.FullName}{c.CompanyUnderReview?.LegalName}|{c.CompanyUnderReview?.Email}");
        }
        if (c.LastDeclinedUpdate is { } declined)
        {
            t.Line($"   declined [{string.Join(", ", declined.ReasonCodes)}] \"{declined.CustomerMessage}\" by {declined.By}: {string.Join("; ", declined.Changes.Select(f => f.Field))}");
        }
        if (c.Hold is { } hold)
        {
            t.Line($"   held from {Wire.Of(hold.HeldFrom)} by {hold.By} since {hold.Since:MM-dd HH:mm} until {hold.WakeUpAt:MM-dd HH:mm}: {hold.Reason}");
        }
        if (c.LastRejection is { } rejection)
        {
            t.Line($"   rejected{(rejection.Final ? " for good" : "")} [{string.Join(", ", rejection.ReasonCodes)}] \"{rejection.CustomerMessage}\" note \"{rejection.InternalNote}\" by {rejection.By}");
        }
        foreach (var item in c.Checklist)
        {
            t.Line($"   checklist {item.Code}: {item.Instruction} (asked {item.RequestedAt:MM-dd HH:mm}{(item.IsOpen ? ", open" : $", provided {item.ProvidedAt:MM-dd HH:mm}")})");
        }
        if (c.InformationRequestMessage is not null)
        {
            t.Line($"   message: {c.InformationRequestMessage}");
        }
        foreach (var check in c.Checks)
        {
            t.Line($"   check {check.Code} {check.Outcome} ({check.Basis}) at {check.At:MM-dd HH:mm}"
                + (check.ResolvedAt is null ? "" : $", {check.Verdict} by {check.ResolvedBy} at {check.ResolvedAt:MM-dd HH:mm}: {check.Resolution}"));
        }
        foreach (var document in c.Documents)
        {
            t.Line($"   document {Wire.Of(document.Type)} {document.State}");
        }
        if (c.SourceOfFunds is { } sof)
        {
            t.Line($"   source of funds by {sof.AnsweredBy} ({sof.AnsweredByKind}): {sof.Answers.Occupation}");
        }
    }
}
