using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>
/// The hosted verification link: a long random token given to the end user, stored only as its hash, for this one
/// customer, until it expires or is replaced. Each issue is audited; a new one kills the old.
/// </summary>
public sealed partial class Customer
{
    public string? VerificationLinkHash { get; private set; }
    public DateTimeOffset? VerificationLinkExpiresAt { get; private set; }

    public static string HashOfLinkToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Null when this actor may issue a new link now; otherwise why not. The panel and the verb both ask here.</summary>
    public string? WhyNoLink(Actor actor)
    {
        if (actor.Kind is ActorKind.EndUser or ActorKind.System)
        {
            return "A new verification link is issued by the partner or the platform's staff.";
        }
        if (Model != VerificationModel.Hosted)
        {
            return "Only hosted customers verify through a link; this one is verified by its partner.";
        }
        if (Status == CustomerStatus.Active || LastRejection?.Final == true && Status == CustomerStatus.Rejected)
        {
            return $"No verification link is needed: the customer is {(Status == CustomerStatus.Active ? "verified" : "rejected for good")}.";
        }
        return null;
    }

    /// <summary>
    /// Issues (or replaces) the link and returns its token, which exists nowhere else from now on. Staff say why, since
    /// the end user's current link stops working.
    /// </summary>
    public string IssueVerificationLink(Actor actor, DateTimeOffset at, TimeSpan lifetime, string? reason = null)
    {
        if (WhyNoLink(actor) is { } why)
        {
            throw new DomainRuleException(why);
        }
        if (lifetime <= TimeSpan.Zero)
        {
            throw new DomainRuleException("A verification link must live for some time.");
        }
        if (actor.Kind == ActorKind.Staff && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("A new verification link from staff needs a reason: the end user's current link stops working.");
        }
        Limit("New verification link", "reason", reason, MaxShortTextLength);
        var token = Secrets.New();
        var action = VerificationLinkHash is null ? "verification_link_issued" : "verification_link_regenerated";
        VerificationLinkHash = HashOfLinkToken(token);
        VerificationLinkExpiresAt = at + lifetime;
        Record(actor, at, action, Status, note: reason?.Trim(), details: new { expiresAt = VerificationLinkExpiresAt });
        return token;
    }

    /// <summary>Whether the token is this customer's current link and has not expired.</summary>
    public bool OpensWith(string token, DateTimeOffset at) =>
        VerificationLinkHash is not null && VerificationLinkExpiresAt > at
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(VerificationLinkHash), Encoding.ASCII.GetBytes(HashOfLinkToken(token)));
}
