using Onboarding.Ops.Domain.Checks;
using System.Globalization;
using System.Text;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Blockers;

/// <summary>
/// Derives the blockers of a customer and its product requests: never stored, always computed from the customer's
/// state, documents, checks, checklist, hold and requests. Support reads this list first.
/// </summary>
public static class BlockerEngine
{
    public static IReadOnlyList<Blocker> For(
        Customer customer, IEnumerable<AccessRequest> requests, RequirementPolicy policy, SlaTargets sla, DateTimeOffset now,
        WhoMustAct? asking = null)
    {
        var blockers = new List<Blocker>();
        blockers.AddRange(ForStatus(customer, policy, sla, now));
        blockers.AddRange(ForScreening(customer));
        blockers.AddRange(ForAccess(customer, requests, policy, sla, now, blockers));
        // The asker's own moves first, then what is overdue, then the oldest.
        return [.. blockers
            .OrderBy(b => asking is { } who && b.Who == who ? 0 : 1)
            .ThenBy(b => b.IsOverdue(now) ? 0 : 1)
            .ThenBy(b => b.Since)];
    }

    private static IEnumerable<Blocker> ForStatus(Customer c, RequirementPolicy policy, SlaTargets sla, DateTimeOffset now)
    {
        // Until the second reviewer acts, nothing else about the customer's status moves.
        if (c.Staged is { } staged)
        {
            yield return new("awaiting_second_review", "Awaiting second review",
                $"{staged.StagedBy} staged {staged.WithArticle()} on {Day(staged.StagedAt)}; a second reviewer must confirm it or send it back.",
                WhoMustAct.Reviewer, staged.StagedAt, null,
                $"A reviewer other than {staged.StagedBy} confirms the {staged.Describe()} or sends it back with a note.");
            yield break;
        }
        var side = CustomerSide(c);
        switch (c.Status)
        {
            case CustomerStatus.Pending when c.SubmittedAt is null:
                yield return new("awaiting_submission", "Hosted verification not started",
                    $"The end user has not completed the hosted verification since the customer was created on {Day(c.CreatedAt)}.",
                    WhoMustAct.EndUser, c.CreatedAt, null,
                    "Ask the partner to send the end user the verification link again.");
                break;

            case CustomerStatus.Pending:
                foreach (var blocker in ReviewerWork(c, policy, now))
                {
                    yield return blocker;
                }
                var due = c.SubmittedAt!.Value + sla.PendingReview;
                yield return new("under_review", "Waiting for review",
                    $"Waiting for a reviewer's decision for {Hours(now - c.SubmittedAt.Value)} against a {Hours(sla.PendingReview)} target.",
                    WhoMustAct.Reviewer, c.SubmittedAt.Value, due,
                    "A reviewer approves, rejects, or asks for more information.");
                break;

            case CustomerStatus.NeedsInformation:
                foreach (var item in c.OpenChecklist)
                {
                    var what = Requirement.Name(item.Code).ToLowerInvariant();
                    yield return new("checklist_item_outstanding", $"Needs {what}",
                        $"{Requirement.Name(item.Code)} was requested on {Day(item.RequestedAt)} and is still outstanding: {item.Instruction}",
                        side, item.RequestedAt, null,
                        side == WhoMustAct.EndUser
                            ? $"Ask the partner to send the end user the upload link; {what} missing since {Day(item.RequestedAt)}."
                            : $"Ask the partner to send the {what}; missing since {Day(item.RequestedAt)}.");
                }
                break;

            case CustomerStatus.Rejected when c.LastRejection is { Final: true } final:
                yield return new("rejected_final", "Rejected (final)",
                    $"Rejected for good on {Day(final.At)} ({string.Join(", ", final.ReasonCodes)}): {final.CustomerMessage}",
                    WhoMustAct.Nobody, final.At, null, "Nothing more can be done: the rejection is final.");
                break;

            case CustomerStatus.Rejected when c.LastRejection is { } retryable:
                yield return new("rejected_retryable", "Rejected, may resubmit",
                    $"Rejected on {Day(retryable.At)} ({string.Join(", ", retryable.ReasonCodes)}): {retryable.CustomerMessage}",
                    side, retryable.At, null, "The partner or end user corrects what the message says and resubmits.");
                break;

            case CustomerStatus.UpdateRequested:
                foreach (var blocker in ReviewerWork(c, policy, now))
                {
                    yield return blocker;
                }
                var fields = c.PendingChanges.Count == 0 ? "the customer's data" : string.Join(", ", c.PendingChanges.Select(f => Words(f.Field)));
                yield return new("update_under_review", "Update waiting for review",
                    $"An update of {fields} has been waiting for re-verification for {Hours(now - c.StatusChangedAt)} against a {Hours(sla.UpdateReview)} target.",
                    WhoMustAct.Reviewer, c.StatusChangedAt, c.StatusChangedAt + sla.UpdateReview,
                    "A reviewer approves the update, rejects it, or asks for more information.");
                break;

            case CustomerStatus.OnHold when c.Hold is { } hold:
                yield return new("on_hold", hold.WakeUpAt is { } until ? $"On hold until {Day(until)}" : "On hold",
                    hold.WakeUpAt is { } wake
                        ? $"On hold since {Day(hold.Since)} until {Day(wake)}: {hold.Reason}"
                        : $"On hold since {Day(hold.Since)} with no wake-up date: {hold.Reason}",
                    WhoMustAct.Reviewer, hold.Since, hold.WakeUpAt,
                    "A reviewer releases the hold once the additional checks are done.");
                break;

            case CustomerStatus.Active:
                if (c.IsReviewDue(now))
                {
                    var since = new DateTimeOffset(c.NextReviewOn!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    yield return new(PeriodicReviewDue, "Periodic review due",
                        $"The periodic review of this {c.RiskLevel.ToString().ToLowerInvariant()}-risk customer has been due since {Day(since)} (last reviewed {Day(c.LastReviewedAt!.Value)}).",
                        WhoMustAct.Reviewer, since, null,
                        "A reviewer reviews the customer: Complete review (no change), Request information (e.g. a renewed document), or Reject.");
                }
                foreach (var result in RequirementEngine.EvaluateLevel(c, policy, Customer.Today(now)).Where(r => r.State is RequirementState.Missing or RequirementState.Failed))
                {
                    yield return RequirementBlocker(c, result, c.StatusChangedAt);
                }
                break;
        }
    }

    /// <summary>What stands between a submitted customer and a decision, beside the review itself.</summary>
    private static IEnumerable<Blocker> ReviewerWork(Customer c, RequirementPolicy policy, DateTimeOffset now)
    {
        foreach (var result in RequirementEngine.EvaluateLevel(c, policy, Customer.Today(now)).Where(r => r.State is RequirementState.Missing or RequirementState.Failed))
        {
            yield return RequirementBlocker(c, result, c.SubmittedAt ?? c.CreatedAt);
        }
        foreach (var document in c.Documents.Where(d => d.State == DocumentReviewState.Received))
        {
            yield return new("document_awaiting_review", $"{document.Describe().Capitalised()} to review",
                $"The {document.Describe()} received on {Day(document.ReceivedAt)} is waiting for a reviewer's decision.",
                WhoMustAct.Reviewer, document.ReceivedAt, null, $"A reviewer accepts or rejects the {document.Describe()}.");
        }
        foreach (var check in c.Checks.Where(k => k.IsUnresolvedFailure))
        {
            yield return check.ResolvedAt is null
                ? new("check_failed", $"Check failed: {Words(check.Code)}",
                    $"The automated check {Words(check.Code)} failed on {Day(check.At)}: {check.Detail}",
                    WhoMustAct.Reviewer, check.At, null,
                    "A reviewer opens Checks and resolves it: Clear (a false positive, with a note) or Confirm (then Reject).")
                : new("check_confirmed", $"Check confirmed: {Words(check.Code)}",
                    $"{check.ResolvedBy} confirmed the automated check {Words(check.Code)} on {Day(check.ResolvedAt.Value)}: {check.Detail}",
                    WhoMustAct.Reviewer, check.ResolvedAt.Value, null,
                    $"A reviewer rejects the customer ({AutomatedChecks.ReasonFor(check.Code)}).");
        }
    }

    /// <summary>
    /// Undecided hits and confirmed sanctions matches, whatever the status but a rejection: a hit raised by a new list
    /// version on an active customer is as urgent as one on a new customer. Partners are told only that the platform
    /// reviews the customer (never the list or the hit).
    /// </summary>
    private static IEnumerable<Blocker> ForScreening(Customer c)
    {
        if (c.Status == CustomerStatus.Rejected)
        {
            yield break;
        }
        foreach (var hit in c.ScreeningHits.Where(h => h.BlocksApproval))
        {
            var who = hit.Party == "customer" ? "the customer" : $"the company's {hit.Party}, {hit.ScreenedName},";
            yield return hit.IsOpen
                ? new(ScreeningHitOpen, $"Possible {hit.Kind} match",
                    $"{who.Capitalised()} may be {hit.Describe()}: screening scored {hit.Score:0.00} on {string.Join(", ", hit.Matched)} on {Day(hit.RaisedAt)}.",
                    WhoMustAct.Reviewer, hit.RaisedAt, null,
                    "A reviewer opens Screening and decides the hit: False positive (with a note) or True match.")
                : new(ScreeningMatchConfirmed, "Sanctions match confirmed",
                    $"{hit.DecidedBy} confirmed on {Day(hit.DecidedAt!.Value)} that {who} is {hit.Describe()}.",
                    WhoMustAct.Reviewer, hit.DecidedAt.Value, null,
                    c.Status == CustomerStatus.Active
                        ? "A reviewer puts the customer on hold and rejects it (sanctions_match, final)."
                        : "A reviewer rejects the customer (sanctions_match, final).");
        }
    }

    public const string ScreeningHitOpen = "screening_hit";
    public const string PeriodicReviewDue = "periodic_review_due";
    public const string ScreeningMatchConfirmed = "sanctions_match_confirmed";

    private static Blocker RequirementBlocker(Customer c, RequirementResult result, DateTimeOffset since)
    {
        var side = CustomerSide(c);
        var what = result.Name.ToLowerInvariant();
        var missing = result.State == RequirementState.Missing;
        return new($"{Snake(result.Code.ToString())}_{(missing ? "missing" : "failed")}",
            $"{result.Name} {(missing ? "missing" : "not valid")}",
            $"{result.Name} for level {Wire.Of(c.Level)}: {result.Reason}.",
            side, since, null,
            (Requirement.IsDocument(result.Code), side) switch
            {
                (true, WhoMustAct.EndUser) => $"Ask the partner to have the end user upload a valid {what}.",
                (true, _) => $"Ask the partner to send a valid {what}.",
                _ => $"Ask the partner to send the customer's {what}.",
            });
    }

    private static IEnumerable<Blocker> ForAccess(
        Customer c, IEnumerable<AccessRequest> requests, RequirementPolicy policy, SlaTargets sla, DateTimeOffset now,
        IReadOnlyList<Blocker> customerBlockers)
    {
        foreach (var request in requests.Where(r => r.CustomerId == c.Id && r.Status == AccessRequestStatus.Requested))
        {
            var product = request.Choice.Describe();
            var title = product.Capitalised();
            var block = request.WhatBlocksGrant(c, policy, now);
            if (block?.CustomerStatus is not null)
            {
                var who = customerBlockers.FirstOrDefault()?.Who ?? WhoMustAct.Reviewer;
                yield return new("access_blocked_customer_not_active", $"{title} blocked: customer not active",
                    $"{title} requested on {Day(request.RequestedAt)} cannot be granted while the customer is {Wire.Words(c.Status)}.",
                    who, request.RequestedAt, null, "The customer's verification must be completed first.");
                continue;
            }
            if (block?.Failing is { } failing)
            {
                var who = failing.State == RequirementState.PendingReview ? WhoMustAct.Reviewer
                    : failing.Code is RequirementCode.LevelBasic or RequirementCode.LevelAdvanced ? WhoMustAct.Partner
                    : CustomerSide(c);
                yield return new("access_blocked_requirement", $"{title} blocked: {failing.Name.ToLowerInvariant()}",
                    $"{title} is blocked: {failing.Name.ToLowerInvariant()} is not met ({failing.Reason}).",
                    who, request.RequestedAt, null,
                    failing.Code is RequirementCode.LevelBasic or RequirementCode.LevelAdvanced
                        ? "The partner must have the customer verified at the level the product needs."
                        : $"Provide the {failing.Name.ToLowerInvariant()}, then a product approver can grant.");
                continue;
            }
            yield return new("access_awaiting_decision", $"{title} to decide",
                $"{title} requested on {Day(request.RequestedAt)} is ready and waiting for a product approver.",
                WhoMustAct.ProductApprover, request.RequestedAt, request.RequestedAt + sla.AccessRequest,
                "A product approver grants or rejects the request.");
        }
    }

    private static WhoMustAct CustomerSide(Customer c) =>
        c.Model == VerificationModel.Hosted ? WhoMustAct.EndUser : WhoMustAct.Partner;

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan span) => span.TotalHours < 48
        ? Count(Math.Max(0, (int)span.TotalHours), "hour")
        : Count((int)span.TotalDays, "day");

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static string Words(string camelOrSnake) => Snake(camelOrSnake).Replace('_', ' ');

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && text.Length > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(ch));
        }
        return text.ToString();
    }
}
