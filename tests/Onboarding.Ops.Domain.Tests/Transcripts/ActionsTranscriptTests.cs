using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests.Transcripts;

/// <summary>What every kind of actor may do to customers in every situation, with the refusal each is given.</summary>
public sealed class ActionsTranscriptTests
{
    private static readonly (string Name, Actor Actor)[] Actors =
    [
        ("reviewer", A.Reviewer), ("support", A.Support), ("approver", A.Approver),
        ("admin", Actor.Admin("staff-admin", "Ada Admin")), ("staff without role", Actor.Staff("staff-none", "Noel None")),
        ("partner", A.Partner), ("end user", A.EndUser), ("system", Actor.System),
    ];

    [Fact]
    public void EveryActorAndAction_InEverySituation()
    {
        var transcript = new Transcript();
        var after = A.T0.AddDays(4);
        foreach (var (situation, customer, at) in Situations(after))
        {
            transcript.Heading($"{situation} at {at:yyyy-MM-dd HH:mm}");
            foreach (var action in Enum.GetValues<CustomerAction>())
            {
                var answers = Actors.Select(a => (a.Name, Option: customer.AllowedActions(a.Actor, A.Policy, at).Single(o => o.Action == action)))
                    .ToList();
                var by = answers.Select(a => a.Option.By).Distinct().Single();
                transcript.Line($"{CustomerTransitions.Name(action)} (by {by})");
                foreach (var group in answers.GroupBy(a => a.Option.WhyNot ?? "allowed"))
                {
                    transcript.Line($"   {group.Key} <- {string.Join(", ", group.Select(g => g.Name))}");
                }
                Assert.All(answers, a => Assert.Equal(a.Option.WhyNot is null, a.Option.Allowed));
                // The verbs answer through the same rule: what the table offers, WhyNot agrees with.
                Assert.All(Actors, a => Assert.Equal(customer.WhyNot(action, a.Actor, A.Policy, at),
                    answers.Single(x => x.Name == a.Name).Option.WhyNot));
            }
        }
        transcript.Verify("actions");
    }

    private static IEnumerable<(string, Customer, DateTimeOffset)> Situations(DateTimeOffset at)
    {
        yield return ("pending, hosted, nothing submitted yet", A.HostedEmpty(), at);
        yield return ("pending, documents not yet reviewed", A.Pending(), at);
        var advanced = A.Approvable(VerificationLevel.Advanced);
        advanced.RejectDocument(A.Reviewer, A.T0.AddHours(1), advanced.Documents.Single(d => d.Type == DocumentType.ProofOfAddress).Id,
            "document_expired");
        yield return ("pending, advanced level, proof of address rejected", advanced, at);
        foreach (var status in Enum.GetValues<CustomerStatus>())
        {
            yield return ($"{Wire.Of(status)}, partner-verified", A.InStatus(status), at);
            yield return ($"{Wire.Of(status)}, hosted", A.InStatus(status, VerificationModel.Hosted), at);
        }
        yield return ("on_hold before its wake-up", A.InStatus(CustomerStatus.OnHold), A.T0.AddDays(2));
        var heldForGood = A.Approvable();
        heldForGood.PutOnHold(A.Reviewer, A.T0.AddHours(3), "Waiting for a call back.", null);
        yield return ("on_hold without a wake-up", heldForGood, at);

        var finalRejection = A.InStatus(CustomerStatus.Pending, VerificationModel.Hosted);
        finalRejection.Reject(A.Reviewer, A.T0.AddHours(3), ["document_edited"], true, "The document appears altered.", null);
        yield return ("rejected for good, hosted", finalRejection, at);

        var failedCheck = A.Approvable();
        failedCheck.RecordChecks(Actor.System, A.T0.AddHours(3),
            [new CheckResult { Code = "duplicate", Outcome = CheckOutcome.Fail, Detail = "The same national id is used by another customer." }]);
        yield return ("pending with a failed check", failedCheck, at);

        var confirmedCheck = A.Approvable();
        confirmedCheck.RecordChecks(Actor.System, A.T0.AddHours(3),
            [new CheckResult { Code = "age_of_majority", Outcome = CheckOutcome.Fail, Detail = "The customer is 16." }]);
        confirmedCheck.ResolveCheck(A.Reviewer, A.T0.AddHours(4), "age_of_majority", CheckVerdict.Confirmed, "Birth date checked on the passport.");
        yield return ("pending with a failed check confirmed", confirmedCheck, at);

        var warned = A.Approvable();
        warned.RecordChecks(Actor.System, A.T0.AddHours(3),
            [new CheckResult { Code = "placeholder_data", Outcome = CheckOutcome.Warn, Detail = "The name looks like a placeholder." }]);
        yield return ("pending with a warning", warned, at);

        yield return ("pending at minimum level, no documents", A.Pending(VerificationLevel.Minimum), at);
    }
}
