using System.Security.Cryptography;
using System.Text;
using Onboarding.Ops.Domain.Audit;

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

    /// <summary>
    /// Issues (or replaces) the link and returns its token, which exists nowhere else from now on. Staff say why, since
    /// the end user's current link stops working.
    /// </summary>
    public string IssueVerificationLink(Actor actor, DateTimeOffset at, TimeSpan lifetime, string? reason = null)
    {
        Guard(CustomerAction.IssueLink, actor, Requirements.RequirementPolicy.Default, at);
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
        var replacing = VerificationLinkHash is not null;
        var action = replacing ? "verification_link_regenerated" : "verification_link_issued";
        VerificationLinkHash = HashOfLinkToken(token);
        VerificationLinkExpiresAt = at + lifetime;
        Record(actor, at, action, Status, note: reason?.Trim(), details: new { expiresAt = VerificationLinkExpiresAt });
        if (replacing)
        {
            // The token itself never travels: only the one who asked for it sees it, once.
            Raise(new LinkRegenerated(this, VerificationLinkExpiresAt.Value, actor.Kind, at));
        }
        return token;
    }

    /// <summary>Whether the token is this customer's current link and has not expired.</summary>
    public bool OpensWith(string token, DateTimeOffset at) =>
        VerificationLinkHash is not null && VerificationLinkExpiresAt > at
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(VerificationLinkHash), Encoding.ASCII.GetBytes(HashOfLinkToken(token)));
}
