using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests.Transcripts;

/// <summary>
/// What blocks each customer, in the order each asker sees it, with every word of the blocker, the SLA state and the
/// requirements of the level and of each product.
/// </summary>
public sealed class BlockersTranscriptTests
{
    private static readonly SlaTargets Sla = SlaTargets.Default;

    [Fact]
    public void EverySituation_AsEachAskerSeesIt()
    {
        var t = new Transcript();
        foreach (var (situation, customer, requests, times) in Situations())
        {
            foreach (var now in times)
            {
                t.Heading($"{situation} at {now:yyyy-MM-dd HH:mm}, SLA {Sla.StateOf(customer, now)}");
                var everyone = BlockerEngine.For(customer, requests, A.Policy, Sla, now);
                foreach (var b in everyone)
                {
                    t.Line($"{b.Code} ({b.Who}) since {b.Since:MM-dd HH:mm}{(b.DueBy is { } due ? $" due {due:MM-dd HH:mm}{(b.IsOverdue(now) ? " OVERDUE" : "")}" : "")}");
                    t.Line($"   {b.Summary} | {b.Sentence} | {b.NextStep}");
                }
                foreach (var asker in Enum.GetValues<WhoMustAct>())
                {
                    var order = BlockerEngine.For(customer, requests, A.Policy, Sla, now, asker).Select(b => b.Code).ToList();
                    if (!order.SequenceEqual(everyone.Select(b => b.Code)))
                    {
                        t.Line($"   as {asker}: {string.Join(", ", order)}");
                    }
                }
            }
            t.Line("requirements:");
            var today = DateOnly.FromDateTime(times[0].UtcDateTime);
            foreach (var r in RequirementEngine.EvaluateLevel(customer, A.Policy, today))
            {
                t.Line($"   {r.Code} {r.State}: {r.Reason ?? "-"} [{r.Evidence}]");
            }
            foreach (var product in Enum.GetValues<Product>())
            {
                var results = RequirementEngine.Evaluate(customer, A.Policy.ForProduct(product, customer.Type), A.Policy, today);
                t.Line($"   for {product}: {string.Join("; ", results.Select(r => $"{r.Code} {r.State}{(r.Reason is null ? "" : $" ({r.Reason})")}"))}");
            }
        }
        t.Verify("blockers");
    }

    private static IEnumerable<(string, Customer, IReadOnlyList<AccessRequest>, DateTimeOffset[])> Situations()
    {
        var t0 = A.T0;
        DateTimeOffset[] Around(DateTimeOffset since, TimeSpan target) =>
            [since.AddHours(1), since + target * 0.75, since + target * 0.75 + TimeSpan.FromMinutes(1), since + target, since + target + TimeSpan.FromMinutes(1), since.AddDays(3)];

        yield return ("hosted, nothing submitted", A.HostedEmpty(), [], [t0.AddDays(2)]);
        var pending = A.Pending();
        yield return ("pending, passport to review", pending, [], Around(pending.SubmittedAt!.Value, Sla.PendingReview));
        var hosted = A.HostedWithData();
        hosted.RecordChecks(Actor.System, t0.AddHours(1), [new CheckResult { Code = "duplicate_customer", Outcome = CheckOutcome.Fail, Detail = "Same national ID." },
            new CheckResult { Code = "age_of_majority", Outcome = CheckOutcome.Fail, Detail = "16." }, new CheckResult { Code = "placeholder_data", Outcome = CheckOutcome.Warn, Detail = "Initial." }]);
        hosted.ResolveCheck(A.Reviewer, t0.AddHours(2), "age_of_majority", CheckVerdict.Confirmed, "16 on the passport.");
        yield return ("hosted pending, checks failed and confirmed", hosted, [], [t0.AddHours(3)]);

        var expiredPassport = Customer.Create(A.Partner, t0, new NewCustomer(CustomerType.Individual, VerificationLevel.Advanced,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person() with { Phone = null },
            Documents: [A.Passport(new DateOnly(2026, 11, 1)), A.ProofOfAddress(new DateOnly(2026, 1, 1))], LivenessAttested: true), A.Policy);
        yield return ("advanced, expired passport, old proof, no phone", expiredPassport, [], [t0.AddHours(1)]);

        var hostedAsked = A.HostedAskedFor(RequirementCode.ProofOfAddress, "A bill from the last 3 months.");
        yield return ("hosted, asked for a proof of address", hostedAsked, [], [t0.AddDays(1)]);
        yield return ("partner-verified, asked for the passport", A.InStatus(CustomerStatus.NeedsInformation), [], [t0.AddDays(1)]);

        var rejected = A.InStatus(CustomerStatus.Rejected);
        var rejectedRequest = AccessRequest.Request(A.Partner, t0.AddHours(4), rejected, new ProductChoice(Product.Cards, "virtual-usd-visa"), []).Created!;
        yield return ("rejected, may resubmit", rejected, [rejectedRequest], [t0.AddDays(1)]);
        var final = A.InStatus(CustomerStatus.Pending, VerificationModel.Hosted);
        final.Reject(A.Reviewer, t0.AddHours(3), ["document_edited", "name_mismatch"], true, "The document appears altered.", null);
        yield return ("rejected for good", final, [], [t0.AddDays(1)]);

        var updating = A.InStatus(CustomerStatus.UpdateRequested);
        yield return ("update of the last name", updating, [], Around(updating.StatusChangedAt, Sla.UpdateReview));
        var documentUpdate = A.Active();
        documentUpdate.SubmitUpdate(A.Partner, t0.AddHours(4), new CustomerChanges(Documents: [A.ProofOfAddress()]));
        yield return ("update with a document only", documentUpdate, [], [t0.AddHours(30)]);

        var held = A.InStatus(CustomerStatus.OnHold);
        yield return ("on hold with a wake-up", held, [], [t0.AddDays(1), t0.AddDays(4)]);
        var heldForGood = A.Approvable();
        heldForGood.PutOnHold(A.Reviewer, t0.AddHours(3), "Waiting for a call back.", null);
        yield return ("on hold without a wake-up", heldForGood, [], [t0.AddDays(1)]);

        var active = A.Active();
        var card = A.CardRequest(active, t0.AddHours(5));
        var account = AccessRequest.Request(A.Partner, t0.AddHours(6), active, new ProductChoice(Product.VirtualAccount, Currency: "EUR"), []).Created!;
        var decided = AccessRequest.Request(A.Partner, t0.AddHours(7), active, new ProductChoice(Product.Cards, "physical-usd-visa"), []).Created!;
        decided.Grant(A.Approver, t0.AddHours(8), active, A.Policy);
        var someoneElse = A.CardRequest(A.Active(), t0.AddHours(5));
        yield return ("active basic, a card ready, an account blocked by level", active, [card, account, decided, someoneElse],
            [t0.AddHours(6), t0.AddHours(53), t0.AddHours(54)]);

        var advanced = A.Active(VerificationLevel.Advanced);
        var advancedAccount = AccessRequest.Request(A.Partner, t0.AddHours(5), advanced, new ProductChoice(Product.VirtualAccount, Currency: "USD"), []).Created!;
        yield return ("active advanced, account waiting on the questionnaire", advanced, [advancedAccount], [t0.AddHours(6)]);
        var hostedActive = A.InStatus(CustomerStatus.Active, VerificationModel.Hosted);
        var hostedAccount = AccessRequest.Request(A.Partner, t0.AddHours(5), hostedActive, new ProductChoice(Product.VirtualAccount, Currency: "USD"), []).Created!;
        yield return ("hosted active basic, account blocked by level", hostedActive, [hostedAccount], [t0.AddHours(6)]);

        var lapsed = A.Active();
        var lapsedCard = A.CardRequest(lapsed, t0.AddHours(5));
        yield return ("active, passport expired since", lapsed, [lapsedCard], [new DateTimeOffset(2031, 5, 3, 0, 0, 0, TimeSpan.Zero)]);

        var business = Customer.Create(A.Partner, t0, new NewCustomer(CustomerType.Business, VerificationLevel.Basic, VerificationModel.PartnerVerified,
            "lumen-wallet", Company: A.Company() with { Owners = [new BeneficialOwner { Person = A.Person("Mateo", "Quintero") with { NationalId = null } }] }), A.Policy);
        yield return ("business, owner without national id, no certificate", business, [], [t0.AddHours(2)]);
        var pendingWithRequest = A.Pending();
        var waitingCard = AccessRequest.Request(A.Partner, t0.AddHours(1), pendingWithRequest, new ProductChoice(Product.Cards, "virtual-eur-visa"), []);
        yield return ("pending, a card requested", pendingWithRequest, [waitingCard.Created!], [t0.AddHours(2)]);
    }
}
