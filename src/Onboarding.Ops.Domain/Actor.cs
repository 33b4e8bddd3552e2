namespace Onboarding.Ops.Domain;

public enum ActorKind
{
    Staff,
    Partner,
    EndUser,
    System,
}

/// <summary>
/// Who does something. Staff carry what their roles let them do (the web layer maps roles to these),
/// so the domain can say "only a reviewer can approve" without knowing about sign-in. <see cref="Assists"/>: support's
/// writes (notes, a new verification link), which reviewers have too.
/// </summary>
public sealed record Actor(
    ActorKind Kind, string Id, string Name, bool Reviews = false, bool DecidesAccess = false, bool Administers = false, bool Assists = false)
{
    public static readonly Actor System = new(ActorKind.System, "system", "System");

    public static Actor Reviewer(string id, string name) => new(ActorKind.Staff, id, name, Reviews: true, Assists: true);
    public static Actor Support(string id, string name) => new(ActorKind.Staff, id, name, Assists: true);
    public static Actor ProductApprover(string id, string name) => new(ActorKind.Staff, id, name, DecidesAccess: true);
    public static Actor Admin(string id, string name) =>
        new(ActorKind.Staff, id, name, Reviews: true, DecidesAccess: true, Administers: true, Assists: true);
    public static Actor Staff(string id, string name) => new(ActorKind.Staff, id, name);
    public static Actor Partner(string id, string name) => new(ActorKind.Partner, id, name);
    public static Actor EndUser(string id, string name) => new(ActorKind.EndUser, id, name);

    public bool IsCustomerSide => Kind is ActorKind.Partner or ActorKind.EndUser;
}
