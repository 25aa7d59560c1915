using System.Security.Cryptography;

namespace Sesame.EndToEnd.Tests;

/// <summary>A person who does not have an account yet: a unique ASCII username and e-mail per test run.</summary>
public sealed record Citizen(string Username, string Email, string Password)
{
    /// <summary>Long, no repetition, no sequence, not the username: passes every password rule.</summary>
    public const string GoodPassword = "Tulipe-Verte-Hiver-92";

    private const string SuffixCharacters = "abcdefghijkmnpqrstuvwxyz23456789";

    public static Citizen New(string firstName = "marie")
    {
        var suffix = RandomNumberGenerator.GetString(SuffixCharacters, 8);
        return new Citizen($"{firstName}{suffix}", $"{firstName}.{suffix}@exemple.ca", GoodPassword);
    }
}
