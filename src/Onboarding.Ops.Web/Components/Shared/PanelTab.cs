namespace Onboarding.Ops.Web.Components.Shared;

/// <summary>One tab of <see cref="PanelTabs"/>: its name, and a count shown beside it (in the error colour when it alerts).</summary>
public sealed record PanelTab(string Name, int Count = 0, bool Alert = false);
