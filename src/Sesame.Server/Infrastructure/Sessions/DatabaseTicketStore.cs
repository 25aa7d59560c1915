using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sesame.Core.Data;
using Sesame.Core.Sessions;

namespace Sesame.Server.Infrastructure.Sessions;

/// <summary>
/// Keeps authentication tickets on the server (mission.md §4; quality.md "sessions"): the cookie carries
/// only a random key, so signing out, a password reset or "sign out everywhere" ends a session for real,
/// and the 15-minute idle and 12-hour absolute limits are enforced here whatever the cookie says.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time) : ITicketStore
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>Last-seen is written at most this often, so that reading pages does not write every time.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Sesame.Sessions.Ticket.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreCoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreCoreAsync(ticket, null, cancellationToken);

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        StoreCoreAsync(ticket, httpContext, cancellationToken);

    /// <summary>Keeps the session with what its list shows the person ("Chrome, Linux", how it was opened).</summary>
    private async Task<string> StoreCoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        db.UserSessions.Add(new UserSession
        {
            Id = key,
            UserId = Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
                ?? throw new InvalidOperationException("A session needs a user.")),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + AbsoluteTimeout,
            Device = DeviceNames.Describe(httpContext?.Request.Headers.UserAgent.ToString()),
            Methods = string.Join(' ', ticket.Principal.FindAll(Identity.SessionClaims.Methods).Select(c => c.Value)),
            ProtectedTicket = Protect(ticket),
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var session = await db.UserSessions.FindAsync(key);
        if (session is null)
        {
            return;
        }

        session.ProtectedTicket = Protect(ticket);
        session.LastSeenAt = time.GetUtcNow();
        await db.SaveChangesAsync();
    }

    /// <summary>The key of the session the request's cookie carries (see <see cref="CurrentKey"/>).</summary>
    private const string SessionKeyItem = "Sesame.SessionKey";

    /// <summary>
    /// The server-side key of this browser's session, or null when the request carries none. The cookie
    /// handler keeps the key to itself: the principal it rebuilds from the stored ticket has no claim with it.
    /// </summary>
    public static string? CurrentKey(HttpContext context) => context.Items[SessionKeyItem] as string;

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var ticket = await RetrieveAsync(key);
        if (ticket is not null)
        {
            httpContext.Items[SessionKeyItem] = key;
        }

        return ticket;
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var session = await db.UserSessions.FindAsync(key);
        if (session is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now >= session.ExpiresAt || now - session.LastSeenAt >= IdleTimeout)
        {
            db.UserSessions.Remove(session);
            await db.SaveChangesAsync();
            return null;
        }

        if (now - session.LastSeenAt >= LastSeenResolution)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync();
        }

        var ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(session.ProtectedTicket));
        if (ticket is not null)
        {
            // The cookie may outlive the absolute limit only if its own expiry says so; it never does.
            ticket.Properties.ExpiresUtc = Min(ticket.Properties.ExpiresUtc, session.ExpiresAt);
        }

        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of a person (password reset, "sign out everywhere").</summary>
    public static Task<int> EndAllAsync(SesameDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is null || a > b ? b : a;
}

/// <summary>Wires the store into Identity's application cookie once the container is built.</summary>
public sealed class UseDatabaseTicketStore(DatabaseTicketStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
