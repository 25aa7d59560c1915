using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Sesame.Core.Accounts;

/// <summary>
/// The eight security questions of seed 004 ("L'utilisateur doit saisir les réponses à huit questions
/// secrètes"): a fixed list, numbered 1 to 8, whose French and English texts live in the server's resource
/// files under <see cref="ResourceKey"/>. Every professional answers all eight; at sign-in two of them, drawn
/// at random, follow the password (issue 6).
/// </summary>
public static class SecurityQuestions
{
    public const int Count = 8;

    /// <summary>How many questions are asked at sign-in.</summary>
    public const int AskedAtSignIn = 2;

    /// <summary>A one-letter answer is guessed at once; two is the shortest answer a person can give ("Li").</summary>
    public const int MinimumAnswerLength = 2;

    public const int MaximumAnswerLength = 100;

    public static IEnumerable<int> All => Enumerable.Range(1, Count);

    public static string ResourceKey(int question) => $"SecurityQuestion.{question.ToString(CultureInfo.InvariantCulture)}";

    public static bool Exists(int question) => question is >= 1 and <= Count;

    /// <summary>How many questions a forgotten password asks: more than a sign-in, as nothing else was proven yet.</summary>
    public const int AskedForReset = 3;

    /// <summary>Different questions (two unless told), drawn with a cryptographic generator so they cannot be predicted; in order.</summary>
    public static int[] Draw(int count = AskedAtSignIn)
    {
        var all = All.ToArray();
        RandomNumberGenerator.Shuffle(all.AsSpan());
        return [.. all.Take(count).Order()];
    }

    /// <summary>
    /// The same two questions for as long as <paramref name="seed"/> stays the same (a keyed hash of one session):
    /// for asking again within a session, where a reload must not draw an easier pair and no step cookie exists.
    /// </summary>
    public static int[] PairFor(ReadOnlySpan<byte> seed)
    {
        const int pairs = Count * (Count - 1) / 2;
        var index = (int)(BitConverter.ToUInt32(seed[..4]) % pairs);
        for (var first = 1; first < Count; first++)
        {
            var withFirst = Count - first;
            if (index < withFirst)
            {
                return [first, first + 1 + index];
            }

            index -= withFirst;
        }

        throw new InvalidOperationException("Unreachable: the index is below the number of pairs.");
    }

    /// <summary>What is hashed: the answer folded (<see cref="TextFolding"/>), so case, accents and extra spaces do not matter.</summary>
    public static string Normalize(string answer) => TextFolding.Fold(answer);

    public static IReadOnlyList<string> Check(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return [AccountRuleCodes.SecurityAnswerRequired];
        }

        if (answer.Length > MaximumAnswerLength)
        {
            return [AccountRuleCodes.SecurityAnswerTooLong];
        }

        return Normalize(answer).EnumerateRunes().Count() < MinimumAnswerLength ? [AccountRuleCodes.SecurityAnswerTooShort] : [];
    }
}

/// <summary>One professional's answer to one question, kept only as a slow hash of its normalized form.</summary>
public sealed class SecurityAnswer
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>1 to <see cref="SecurityQuestions.Count"/>.</summary>
    public int Question { get; set; }

    /// <summary>Identity's password hash (PBKDF2-HMAC-SHA512, the same iterations as passwords) of the normalized answer.</summary>
    public string AnswerHash { get; set; } = "";
}

/// <summary>
/// Hashes answers the way passwords are hashed: an answer is a low-entropy secret, so a fast or keyed hash
/// would let a copy of the database (with or without the key) be guessed offline in seconds.
/// </summary>
public sealed class SecurityAnswerHasher(IPasswordHasher<SesameUser> hasher)
{
    public SecurityAnswer Hash(SesameUser user, int question, string answer) => new()
    {
        Id = Guid.NewGuid(),
        UserId = user.Id,
        Question = question,
        AnswerHash = hasher.HashPassword(user, Bound(question, answer)),
    };

    public bool Matches(SesameUser user, SecurityAnswer stored, string? answer) =>
        !string.IsNullOrWhiteSpace(answer) && answer.Length <= SecurityQuestions.MaximumAnswerLength
        && hasher.VerifyHashedPassword(user, stored.AnswerHash, Bound(stored.Question, answer)) != PasswordVerificationResult.Failed;

    /// <summary>The question number is part of what is hashed, so one answer's hash cannot stand for another question.</summary>
    private static string Bound(int question, string answer) =>
        $"{question.ToString(CultureInfo.InvariantCulture)}:{SecurityQuestions.Normalize(answer)}";
}
