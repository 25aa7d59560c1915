namespace Sesame.Server.Infrastructure.Sessions;

/// <summary>
/// A browser and system a person recognises in the list of their sessions ("Chrome, Linux"), read from the
/// User-Agent header. Only this summary is kept: the full header is a fingerprint.
/// </summary>
public static class DeviceNames
{
    public static string? Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        var browser = Contains(userAgent, "Edg/") ? "Edge"
            : Contains(userAgent, "Firefox/") ? "Firefox"
            : Contains(userAgent, "Chrome/") || Contains(userAgent, "Chromium/") ? "Chrome"
            : Contains(userAgent, "Safari/") ? "Safari"
            : null;
        var system = Contains(userAgent, "Android") ? "Android"
            : Contains(userAgent, "iPhone") || Contains(userAgent, "iPad") ? "iOS"
            : Contains(userAgent, "Windows") ? "Windows"
            : Contains(userAgent, "Mac OS X") ? "macOS"
            : Contains(userAgent, "Linux") ? "Linux"
            : null;
        return (browser, system) switch
        {
            (null, null) => null,
            (null, _) => system,
            (_, null) => browser,
            _ => $"{browser}, {system}",
        };
    }

    private static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
