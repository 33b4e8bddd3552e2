using MudBlazor;

namespace Onboarding.Ops.Web.Components.Layout;

/// <summary>The back office's palette: calm blues for work, clear colours for status.</summary>
public static class OpsTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c",
            Secondary = "#0f766e",
            AppbarBackground = "#15365f",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            DrawerIcon = "#1f4e8c",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa7e6",
            Secondary = "#5eead4",
            AppbarBackground = "#111827",
            Background = "#0b1220",
            Surface = "#151e2e",
            DrawerBackground = "#111827",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
