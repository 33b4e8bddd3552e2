namespace Onboarding.Ops.Web.Components.Decisions;

/// <summary>Whether the reviewer asked to open the next case once a dialog's decision is saved ("Approve and next").</summary>
public sealed class AndNext
{
    public bool Requested { get; private set; }

    public void Choose(bool andNext) => Requested = andNext;
}
