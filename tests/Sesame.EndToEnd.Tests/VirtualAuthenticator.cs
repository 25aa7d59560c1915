using Microsoft.Playwright;

namespace Sesame.EndToEnd.Tests;

/// <summary>
/// Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): a platform authenticator with
/// resident keys and user verification that says yes at once, so that a passkey can be registered and used
/// in a headless browser (stack-notes pitfall 6). It lives as long as the page's DevTools session.
/// </summary>
public static class VirtualAuthenticator
{
    public static async Task<ICDPSession> AddAsync(IBrowserContext context, IPage page)
    {
        var session = await context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable");
        await session.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return session;
    }
}
