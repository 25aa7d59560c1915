using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Accounts;

/// <summary>
/// Runs the service against a real SQLite database (in memory, kept open for the test) with a fake clock.
/// Each call runs as the server runs a request: a fresh context, the service's change, one save.
/// </summary>
public sealed class EmailCodeServiceTests : IDisposable
{
    private const EmailCodePurpose Confirm = EmailCodePurpose.ConfirmEmail;
    private const EmailCodePurpose SignIn = EmailCodePurpose.SignIn;

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private static readonly Guid Marie = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");
    private static readonly Guid Olivier = Guid.Parse("0193a1b2-0000-7000-8000-000000000002");

    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly KeyedHasher _hasher = new(RandomNumberGenerator.GetBytes(32));

    public EmailCodeServiceTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        db.Users.Add(User(Marie, "marie85", "marie@exemple.ca"));
        db.Users.Add(User(Olivier, "olivier72", "olivier@exemple.ca"));
        db.SaveChanges();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task An_issued_code_is_6_digits_and_expires_10_minutes_later()
    {
        var issue = await Issue();

        Assert.True(issue.IsSent);
        Assert.NotNull(issue.Code);
        Assert.Matches("^[0-9]{6}$", issue.Code);
        Assert.Equal(Start.AddMinutes(10), issue.Until);

        var stored = Assert.Single(await StoredCodes());
        Assert.Equal(Marie, stored.UserId);
        Assert.Equal(Confirm, stored.Purpose);
        Assert.Equal(Start, stored.CreatedAt);
        Assert.Equal(Start.AddMinutes(10), stored.ExpiresAt);
        Assert.Equal(0, stored.FailedAttempts);
        Assert.Null(stored.ClosedAt);
    }

    [Fact]
    public async Task A_code_is_accepted_once_then_there_is_no_code()
    {
        var code = SentCode(await Issue());
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(EmailCodeCheck.Accepted, await Check(code));
        Assert.Equal(EmailCodeCheck.NoCode, await Check(code));

        var stored = Assert.Single(await StoredCodes());
        Assert.Equal(Start.AddMinutes(2), stored.ClosedAt);
        Assert.Equal(0, stored.FailedAttempts);
    }

    [Fact]
    public async Task Checking_when_no_code_was_issued_gives_no_code()
    {
        Assert.Equal(EmailCodeCheck.NoCode, await Check("123456"));
        Assert.Empty(await StoredCodes());
    }

    [Theory]
    [InlineData("{0} {1}")] // as the seed's mail shows it: "996 729"
    [InlineData("{0}-{1}")]
    [InlineData("{0}\u00a0{1}")]
    [InlineData(" {0} {1} ")]
    [InlineData("{0}{1}")]
    public async Task A_code_typed_with_spaces_or_a_hyphen_is_accepted(string format)
    {
        var code = SentCode(await Issue());
        var typed = string.Format(CultureInfo.InvariantCulture, format, code[..3], code[3..]);

        Assert.Equal(EmailCodeCheck.Accepted, await Check(typed));
    }

    [Theory]
    [InlineData("996729", "996729")]
    [InlineData("996 729", "996729")]
    [InlineData("996-729", "996729")]
    [InlineData("996\u00a0729", "996729")]
    [InlineData(" 9 9 6 7 2 9 ", "996729")]
    [InlineData("000000", "000000")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("99672", null)]
    [InlineData("9967290", null)]
    [InlineData("99672a", null)]
    [InlineData("996\t729", null)]
    [InlineData("996_729", null)]
    [InlineData("\u0669\u0669\u0666\u0667\u0662\u0669", null)] // Arabic-Indic digits
    [InlineData("\uff19\uff19\uff16\uff17\uff12\uff19", null)] // full-width digits
    public void Normalize_keeps_six_ASCII_digits_and_ignores_spaces_and_hyphens(string? entered, string? expected)
    {
        Assert.Equal(expected, EmailCodeService.Normalize(entered));
    }

    [Fact]
    public async Task The_code_is_stored_only_as_a_32_byte_keyed_hash()
    {
        var code = SentCode(await Issue());

        var stored = Assert.Single(await StoredCodes());
        Assert.Equal(32, stored.CodeHash.Length);
        Assert.Equal(_hasher.Hash(Marie.ToString(), nameof(EmailCodePurpose.ConfirmEmail), code), stored.CodeHash);
        Assert.NotEqual(Encoding.UTF8.GetBytes(code), stored.CodeHash);
        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes(code)), stored.CodeHash);

        // Read the row itself: no column holds the code, as text, as a number or as bytes.
        var codeBytes = Encoding.ASCII.GetBytes(code);
        var codeNumber = long.Parse(code, CultureInfo.InvariantCulture);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM EmailCodes";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var columns = new List<string>();
        byte[]? storedHash = null;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            columns.Add(reader.GetName(i));
            switch (reader.GetValue(i))
            {
                case string text:
                    Assert.DoesNotContain(code, text, StringComparison.Ordinal);
                    break;
                case long number:
                    Assert.NotEqual(codeNumber, number);
                    break;
                case byte[] bytes:
                    Assert.Equal(-1, bytes.AsSpan().IndexOf(codeBytes));
                    storedHash = reader.GetName(i) == "CodeHash" ? bytes : storedHash;
                    break;
                case DBNull:
                    break;
                case var other:
                    Assert.Fail($"Unexpected column type {other.GetType()} in {reader.GetName(i)}.");
                    break;
            }
        }

        Assert.False(reader.Read());
        Assert.Equal(
            ["ClosedAt", "CodeHash", "CreatedAt", "ExpiresAt", "FailedAttempts", "Id", "Purpose", "UserId"],
            columns.Order(StringComparer.Ordinal));
        Assert.Equal(stored.CodeHash, storedHash);
    }

    [Fact]
    public async Task A_code_is_accepted_until_9_minutes_59_seconds()
    {
        var code = SentCode(await Issue());
        _time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));

        Assert.Equal(EmailCodeCheck.Accepted, await Check(code));
    }

    [Fact]
    public async Task A_code_has_expired_after_10_minutes_and_is_then_closed()
    {
        var code = SentCode(await Issue());
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(EmailCodeCheck.Expired, await Check(code));
        Assert.Equal(EmailCodeCheck.NoCode, await Check(code));

        var stored = Assert.Single(await StoredCodes());
        Assert.Equal(Start.AddMinutes(10), stored.ClosedAt);
        Assert.Equal(0, stored.FailedAttempts);
    }

    [Fact]
    public async Task A_new_code_voids_the_previous_one()
    {
        var first = SentCode(await Issue());
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = SentCode(await IssueOtherThan(first));

        var codes = await StoredCodes();
        Assert.Equal(2, codes.Count);
        Assert.Equal(Start.AddMinutes(1), codes.Single(c => c.CreatedAt == Start).ClosedAt);
        Assert.Null(codes.Single(c => c.CreatedAt == Start.AddMinutes(1)).ClosedAt);

        // The old code is now just a wrong entry against the new one, which still works.
        Assert.Equal(EmailCodeCheck.Wrong, await Check(first));
        Assert.Equal(EmailCodeCheck.Accepted, await Check(second));
    }

    [Fact]
    public async Task The_fifth_wrong_entry_voids_the_code_and_the_right_one_then_finds_no_code()
    {
        var code = SentCode(await Issue());
        var wrong = OtherCode(code);

        var results = new List<EmailCodeCheck>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await Check(wrong));
        }

        results.Add(await Check(code));

        Assert.Equal(
            [
                EmailCodeCheck.Wrong,
                EmailCodeCheck.Wrong,
                EmailCodeCheck.Wrong,
                EmailCodeCheck.Wrong,
                EmailCodeCheck.Voided,
                EmailCodeCheck.NoCode,
            ],
            results);
        var stored = Assert.Single(await StoredCodes());
        Assert.Equal(5, stored.FailedAttempts);
        Assert.Equal(Start, stored.ClosedAt);
    }

    [Fact]
    public async Task Four_wrong_entries_then_the_right_one_is_accepted()
    {
        var code = SentCode(await Issue());
        var wrong = OtherCode(code);

        var results = new List<EmailCodeCheck>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await Check(wrong));
        }

        results.Add(await Check(code));

        Assert.Equal(
            [EmailCodeCheck.Wrong, EmailCodeCheck.Wrong, EmailCodeCheck.Wrong, EmailCodeCheck.Wrong, EmailCodeCheck.Accepted],
            results);
        Assert.Equal(4, Assert.Single(await StoredCodes()).FailedAttempts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public async Task A_malformed_entry_counts_as_a_wrong_entry(string? entered)
    {
        SentCode(await Issue());

        Assert.Equal(EmailCodeCheck.Wrong, await Check(entered));
        Assert.Equal(1, Assert.Single(await StoredCodes()).FailedAttempts);
    }

    [Fact]
    public async Task The_sixth_code_in_an_hour_is_refused_until_an_hour_after_the_first()
    {
        for (var i = 0; i < EmailCodeService.MaximumSentPerWindow; i++)
        {
            Assert.True((await Issue()).IsSent);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await Issue();

        Assert.False(refused.IsSent);
        Assert.Null(refused.Code);
        Assert.Equal(Start.AddHours(1), refused.Until);
        Assert.Equal(5, (await StoredCodes()).Count);

        _time.SetUtcNow(Start.AddHours(1).AddSeconds(1));
        var again = await Issue();

        Assert.True(again.IsSent);
        Assert.Equal(Start.AddHours(1).AddSeconds(1).AddMinutes(10), again.Until);

        // The codes of minutes 1 to 4 and this one are five in the last hour again.
        var next = await Issue();
        Assert.False(next.IsSent);
        Assert.Equal(Start.AddMinutes(1).AddHours(1), next.Until);
    }

    [Fact]
    public async Task A_code_can_be_sent_again_at_the_instant_the_refusal_names()
    {
        for (var i = 0; i < EmailCodeService.MaximumSentPerWindow; i++)
        {
            await Issue();
        }

        var refused = await Issue();
        Assert.False(refused.IsSent);
        _time.SetUtcNow(refused.Until);

        Assert.True((await Issue()).IsSent);
    }

    [Fact]
    public async Task A_refused_resend_leaves_the_current_code_usable()
    {
        var codes = new List<string>();
        for (var i = 0; i < EmailCodeService.MaximumSentPerWindow; i++)
        {
            codes.Add(SentCode(await Issue()));
        }

        Assert.False((await Issue()).IsSent);

        Assert.Equal(EmailCodeCheck.Accepted, await Check(codes[^1]));
    }

    [Fact]
    public async Task The_hourly_limit_counts_codes_of_every_purpose_for_the_account()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Issue(Confirm)).IsSent);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.True((await Issue(SignIn)).IsSent);
        }

        Assert.False((await Issue(SignIn)).IsSent);
        Assert.False((await Issue(Confirm)).IsSent);
    }

    [Fact]
    public async Task The_hourly_limit_is_per_account()
    {
        for (var i = 0; i < EmailCodeService.MaximumSentPerWindow; i++)
        {
            await Issue();
        }

        Assert.False((await Issue()).IsSent);
        Assert.True((await Issue(Confirm, Olivier)).IsSent);
    }

    [Fact]
    public async Task Codes_for_different_purposes_are_checked_independently()
    {
        var confirm = SentCode(await Issue(Confirm));
        var signIn = SentCode(await IssueOtherThan(confirm, SignIn));

        // Issuing the sign-in code did not void the confirmation code.
        Assert.All(await StoredCodes(), c => Assert.Null(c.ClosedAt));

        Assert.Equal(EmailCodeCheck.Wrong, await Check(confirm, SignIn));
        Assert.Equal(EmailCodeCheck.Accepted, await Check(confirm, Confirm));
        Assert.Equal(EmailCodeCheck.NoCode, await Check(signIn, Confirm));
        Assert.Equal(EmailCodeCheck.Accepted, await Check(signIn, SignIn));
    }

    [Fact]
    public async Task A_code_for_one_purpose_is_unknown_to_the_other()
    {
        var signIn = SentCode(await Issue(SignIn));

        Assert.Equal(EmailCodeCheck.NoCode, await Check(signIn, Confirm));
        Assert.Equal(EmailCodeCheck.Accepted, await Check(signIn, SignIn));
    }

    [Fact]
    public async Task A_code_is_unknown_to_another_account()
    {
        var code = SentCode(await Issue());

        Assert.Equal(EmailCodeCheck.NoCode, await Check(code, Confirm, Olivier));
        Assert.Equal(EmailCodeCheck.Accepted, await Check(code));
    }

    [Fact]
    public async Task A_code_is_accepted_only_once_even_by_two_requests_at_the_same_time()
    {
        var code = SentCode(await Issue());

        // Two requests (say, a double submit) both read the open code before either saves.
        var outcomes = await TwoConcurrentChecks(code, code);

        Assert.Equal(
            1,
            outcomes.Count(o => o.Result == EmailCodeCheck.Accepted && o.Saved));
    }

    [Fact]
    public async Task Wrong_entries_made_at_the_same_time_are_all_counted()
    {
        var code = SentCode(await Issue());
        var wrong = OtherCode(code);

        // Two wrong guesses that both read the code before either saves: if both are saved, both must count,
        // or the limit of 5 wrong entries can be passed by sending guesses in parallel.
        var outcomes = await TwoConcurrentChecks(wrong, wrong);

        Assert.All(outcomes, o => Assert.Equal(EmailCodeCheck.Wrong, o.Result));
        Assert.Equal(outcomes.Count(o => o.Saved), Assert.Single(await StoredCodes()).FailedAttempts);
    }

    [Fact]
    public async Task Codes_requested_at_the_same_time_still_make_at_most_5_in_an_hour()
    {
        for (var i = 0; i < EmailCodeService.MaximumSentPerWindow - 1; i++)
        {
            SentCode(await Issue());
        }

        // Two resend requests that both count the codes of the hour before either saves.
        await using var db1 = NewContext();
        await using var db2 = NewContext();
        var issue1 = await new EmailCodeService(db1, _hasher, _time).IssueAsync(Marie, Confirm, CancellationToken.None);
        var issue2 = await new EmailCodeService(db2, _hasher, _time).IssueAsync(Marie, Confirm, CancellationToken.None);
        var outcomes = new[] { (issue1.IsSent, Saved: await TrySave(db1)), (issue2.IsSent, Saved: await TrySave(db2)) };

        Assert.Equal(1, outcomes.Count(o => o.IsSent && o.Saved));
        Assert.Equal(EmailCodeService.MaximumSentPerWindow, (await StoredCodes()).Count);
    }

    private static SesameUser User(Guid id, string userName, string email) => new()
    {
        Id = id,
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        SecurityStamp = "x",
        ConcurrencyStamp = "y",
    };

    private static string SentCode(EmailCodeIssue issue)
    {
        Assert.True(issue.IsSent);
        Assert.NotNull(issue.Code);
        return issue.Code;
    }

    /// <summary>A well-formed code that is certainly not <paramref name="code"/>.</summary>
    private static string OtherCode(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private SqliteSesameDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteSesameDbContext>().UseSqlite(_connection).Options);

    private async Task<T> InRequest<T>(Func<EmailCodeService, Task<T>> action)
    {
        await using var db = NewContext();
        var result = await action(new EmailCodeService(db, _hasher, _time));
        await db.SaveChangesAsync();
        return result;
    }

    private Task<EmailCodeIssue> Issue(EmailCodePurpose purpose = Confirm, Guid? userId = null) =>
        InRequest(service => service.IssueAsync(userId ?? Marie, purpose, CancellationToken.None));

    /// <summary>A new code is random and may, one time in a million, repeat the previous one; ask again then.</summary>
    private async Task<EmailCodeIssue> IssueOtherThan(string code, EmailCodePurpose purpose = Confirm)
    {
        var issue = await Issue(purpose);
        return issue.Code == code ? await Issue(purpose) : issue;
    }

    private Task<EmailCodeCheck> Check(string? entered, EmailCodePurpose purpose = Confirm, Guid? userId = null) =>
        InRequest(service => service.CheckAsync(userId ?? Marie, purpose, entered, CancellationToken.None));

    /// <summary>Runs two checks as two requests whose reads both happen before either saves.</summary>
    private async Task<List<(EmailCodeCheck Result, bool Saved)>> TwoConcurrentChecks(string first, string second)
    {
        await using var db1 = NewContext();
        await using var db2 = NewContext();
        var result1 = await new EmailCodeService(db1, _hasher, _time).CheckAsync(Marie, Confirm, first, CancellationToken.None);
        var result2 = await new EmailCodeService(db2, _hasher, _time).CheckAsync(Marie, Confirm, second, CancellationToken.None);
        return [(result1, await TrySave(db1)), (result2, await TrySave(db2))];
    }

    private static async Task<bool> TrySave(DbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private async Task<List<EmailCode>> StoredCodes()
    {
        await using var db = NewContext();
        return await db.EmailCodes.AsNoTracking().ToListAsync();
    }
}
