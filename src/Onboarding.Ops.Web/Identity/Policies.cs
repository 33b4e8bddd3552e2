using Microsoft.AspNetCore.Authorization;

namespace Onboarding.Ops.Web.Identity;

/// <summary>
/// Named authorization policies: pages declare them and services check them again on the server.
/// One place says which role may use which section.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>The customer queue: reviewers work it, support and compliance read it.</summary>
    public const string Customers = nameof(Customers);

    /// <summary>Decisions on customers: approve, reject, request information, hold, release, claim.</summary>
    public const string Review = nameof(Review);

    /// <summary>
    /// Support's writes, which reviewers and admins have too: add a note, issue a new verification link (with a reason),
    /// redeliver a webhook. None changes a customer's status, data, documents or access.
    /// </summary>
    public const string Assist = nameof(Assist);

    /// <summary>Product access requests: product approvers decide them.</summary>
    public const string AccessRequests = nameof(AccessRequests);

    /// <summary>Staff accounts and reference data.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>The operations reports and their CSV: who decided what, how fast, against which targets.</summary>
    public const string Reports = nameof(Reports);

    /// <summary>The whole audit trail and its integrity: read by admins and compliance.</summary>
    public const string Audit = nameof(Audit);

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [Staff] = [.. StaffRoles.All],
        [Customers] = [StaffRoles.Admin, StaffRoles.Reviewer, StaffRoles.Support, StaffRoles.Compliance],
        [Review] = [StaffRoles.Admin, StaffRoles.Reviewer],
        [Assist] = [StaffRoles.Admin, StaffRoles.Reviewer, StaffRoles.Support],
        [AccessRequests] = [StaffRoles.Admin, StaffRoles.ProductApprover],
        [Admin] = [StaffRoles.Admin],
        [Reports] = [StaffRoles.Admin, StaffRoles.Compliance],
        [Audit] = [StaffRoles.Admin, StaffRoles.Compliance],
    };

    public static void Configure(AuthorizationOptions options)
    {
        // Partners call the API with a key, never with a staff cookie.
        options.AddPolicy(Api.PartnerApi.Policy, p => p.AddAuthenticationSchemes(Api.PartnerKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
