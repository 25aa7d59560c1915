namespace Sesame.Core.Sessions;

/// <summary>
/// A signed-in browser, kept on the server so that signing out, a password reset or "sign out everywhere"
/// ends it for real: the cookie only carries this row's key (quality.md, "sessions").
/// </summary>
public sealed class UserSession
{
    public string Id { get; set; } = "";

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end: 12 hours after sign-in (mission.md §4).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The browser and system as the person would recognise them ("Chrome, Linux"), never the raw user agent.</summary>
    public string? Device { get; set; }

    /// <summary>How the session was opened: RFC 8176 <c>amr</c> values separated by spaces.</summary>
    public string? Methods { get; set; }

    /// <summary>The authentication ticket, encrypted with Data Protection.</summary>
    public byte[] ProtectedTicket { get; set; } = [];
}
