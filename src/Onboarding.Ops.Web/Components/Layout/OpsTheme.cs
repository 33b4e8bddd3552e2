using MudBlazor;

namespace Onboarding.Ops.Web.Components.Layout;

/// <summary>
/// The back office's palette: calm blues for work, clear colours for status. Every colour passes WCAG 2.1 AA (4.5:1) both
/// as a filled chip or button with its contrast text and as text on the page: dark tones with white text in the light
/// theme, light tones with dark text in the dark theme (AccessibilityTests runs axe-core on every page in both).
/// </summary>
public static class OpsTheme
{
    private const string DarkText = "#0b1220";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c",
            Secondary = "#0f766e",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#b54708",
            Error = "#c62828",
            Dark = "#424242",
            TextSecondary = "#5b6472",
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
            Info = "#90caf9",
            Success = "#81c784",
            Warning = "#ffb74d",
            Error = "#ef9a9a",
            Dark = "#bdbdbd",
            PrimaryContrastText = DarkText,
            SecondaryContrastText = DarkText,
            InfoContrastText = DarkText,
            SuccessContrastText = DarkText,
            WarningContrastText = DarkText,
            ErrorContrastText = DarkText,
            DarkContrastText = DarkText,
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
