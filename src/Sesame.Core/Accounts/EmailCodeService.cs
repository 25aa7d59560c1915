using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Core.Accounts;

/// <summary>
/// Issues and checks the e-mailed security codes of seed 001: six digits, valid 10 minutes ("Ce code expire
/// dans les 10 prochaines minutes"), "Recevoir un nouveau code" voids the previous one, 5 wrong entries void
/// a code, and at most 5 codes are sent to one account in an hour (mission.md §1).
/// The service changes the context but never saves: the caller saves once, with the mail and the change
/// the code belongs to, so nothing is half-written.
/// </summary>
public sealed class EmailCodeService(SesameDbContext db, KeyedHasher hasher, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan SendingWindow = TimeSpan.FromHours(1);
    public const int MaximumSentPerWindow = 5;
    public const int MaximumWrongEntries = 5;

    public async Task<EmailCodeIssue> IssueAsync(Guid userId, EmailCodePurpose purpose, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowStart = now - SendingWindow;
        var recent = await db.EmailCodes
            .Where(c => c.UserId == userId && c.CreatedAt > windowStart)
            .Select(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        if (recent.Count >= MaximumSentPerWindow)
        {
            return EmailCodeIssue.Refused(recent.Min() + SendingWindow);
        }

        await foreach (var open in OpenCodes(userId, purpose).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            open.ClosedAt = now;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        db.EmailCodes.Add(new EmailCode
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            CodeHash = HashOf(userId, purpose, code),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        return EmailCodeIssue.Sent(code, now + Lifetime);
    }

    public async Task<EmailCodeCheck> CheckAsync(Guid userId, EmailCodePurpose purpose, string? entered, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = await OpenCodes(userId, purpose).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return EmailCodeCheck.NoCode;
        }

        if (current.ExpiresAt <= now)
        {
            current.ClosedAt = now;
            return EmailCodeCheck.Expired;
        }

        var digits = Normalize(entered);
        if (digits is not null && hasher.Matches(current.CodeHash, userId.ToString(), purpose.ToString(), digits))
        {
            current.ClosedAt = now;
            return EmailCodeCheck.Accepted;
        }

        current.FailedAttempts++;
        if (current.FailedAttempts >= MaximumWrongEntries)
        {
            current.ClosedAt = now;
            return EmailCodeCheck.Voided;
        }

        return EmailCodeCheck.Wrong;
    }

    /// <summary>People type "996 729" as the seed's mail shows it; spaces and hyphens are ignored.</summary>
    public static string? Normalize(string? entered)
    {
        if (entered is null)
        {
            return null;
        }

        var digits = new string([.. entered.Where(c => c is not (' ' or '-' or '\u00a0'))]);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private IQueryable<EmailCode> OpenCodes(Guid userId, EmailCodePurpose purpose) =>
        db.EmailCodes.Where(c => c.UserId == userId && c.Purpose == purpose && c.ClosedAt == null);

    private byte[] HashOf(Guid userId, EmailCodePurpose purpose, string code) =>
        hasher.Hash(userId.ToString(), purpose.ToString(), code);
}

public sealed record EmailCodeIssue(string? Code, DateTimeOffset Until)
{
    public bool IsSent => Code is not null;

    public static EmailCodeIssue Sent(string code, DateTimeOffset expiresAt) => new(code, expiresAt);

    /// <summary>Too many codes were sent in the hour; <paramref name="retryAt"/> says when one may be sent again.</summary>
    public static EmailCodeIssue Refused(DateTimeOffset retryAt) => new(null, retryAt);
}

public enum EmailCodeCheck
{
    Accepted,
    Wrong,
    Voided,
    Expired,
    NoCode,
}
