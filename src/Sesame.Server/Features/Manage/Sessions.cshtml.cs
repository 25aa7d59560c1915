using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Sessions;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Appareils connectés" (issue 5; mission.md §4): the browsers signed in to the account, kept on the server,
/// with "Se déconnecter partout", which ends every session and forgets every trusted browser.
/// </summary>
[CitizensOnly]
public sealed class SessionsModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    SignInManager<SesameUser> signIn) : SesamePageModel
{
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public bool EndedOne { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await LoadAsync(user.Id, cancellationToken);
        return Page();
    }

    /// <summary>Ends one other browser's session; the row is looked up within the person's own sessions only.</summary>
    public async Task<IActionResult> OnPostEndAsync(string? id, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var mine = await db.UserSessions.Where(s => s.UserId == user.Id).ToListAsync(cancellationToken);
        var session = mine.SingleOrDefault(s => PublicId(s.Id) == id);
        if (session is null || session.Id == CurrentKey)
        {
            return NotFound();
        }

        db.UserSessions.Remove(session);
        Audit(new SessionsEnded("une") { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        EndedOne = true;
        await LoadAsync(user.Id, cancellationToken);
        return Page();
    }

    /// <summary>"Se déconnecter partout": every session, this one included, and every trusted browser.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Audit(new SessionsEnded("toutes") { Subject = user.Id, Actor = user.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignOutAsync();
        await signIn.ForgetTwoFactorClientAsync();
        return Redirect("/?avis=SignIn.Notice.SignedOutEverywhere");
    }

    private string? CurrentKey => User.FindFirst(DatabaseTicketStore.SessionKeyClaim)?.Value;

    /// <summary>The session key is what the cookie carries, so pages name a session by a hash of it instead.</summary>
    private static string PublicId(string key) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)), 0, 16);

    private async Task LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(cancellationToken);
        Sessions = [.. rows
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionRow(PublicId(s.Id), s.Device, s.Methods ?? "", s.CreatedAt, s.LastSeenAt, s.Id == CurrentKey))];
    }

    public sealed record SessionRow(string Id, string? Device, string Methods, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool IsThisBrowser)
    {
        /// <summary>A resource key for how the session was opened.</summary>
        public string MethodKey => Methods.Split(' ') switch
        {
            var m when m.Contains("pop") => "Sessions.Method.Passkey",
            var m when m.Contains("mfa") => "Sessions.Method.Authenticator",
            var m when m.Contains("otp") => "Sessions.Method.Code",
            _ => "Sessions.Method.Password",
        };
    }
}
