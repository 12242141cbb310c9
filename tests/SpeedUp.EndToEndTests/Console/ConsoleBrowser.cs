using Microsoft.Playwright;

namespace SpeedUp.EndToEndTests.Console;

/// <summary>
/// Headless Chromium from Debian (<c>/usr/bin/chromium</c>, or <c>SPEEDUP_CHROMIUM</c>) driven by Playwright for .NET —
/// never a downloaded browser — and where the run's screenshots go (<c>TestResults/console-screenshots</c> beside the
/// test assembly).
/// </summary>
internal static class ConsoleBrowser
{
    /// <summary>The browser binary.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("SPEEDUP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The folder screenshots are written to.</summary>
    public static string ScreenshotDirectory { get; } = FreshDirectory();

    private static string FreshDirectory()
    {
        var directory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots")).FullName;
        File.Delete(Path.Combine(directory, "index.txt")); // this run's screenshots only
        return directory;
    }

    /// <summary>Launches the browser headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Headless = true, Args = ["--no-sandbox"] });

    /// <summary>
    /// Saves a full-page screenshot as <paramref name="name"/>.png, writes its path to the test's output (shown with
    /// <c>--show-live-output on</c> and in reports) and appends it to <c>index.txt</c> beside the screenshots.
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"console screenshot: {path}");
        await File.AppendAllTextAsync(Path.Combine(ScreenshotDirectory, "index.txt"), path + Environment.NewLine);
        return path;
    }
}
