using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Sesame.Registries.Simulator;

/// <summary>The registries a fault can be set on.</summary>
public enum SimulatedRegistry
{
    RevenuQuebec,
    Ramq,
    Saaq,
}

/// <summary>How a registry misbehaves, switched on by tests and demos (issue 4: "down, slow, 500").</summary>
public enum FaultMode
{
    None,

    /// <summary>The connection is dropped without an answer.</summary>
    Down,

    /// <summary>The answer comes after <see cref="SimulatorOptions.SlowDelay"/>.</summary>
    Slow,

    /// <summary>500 Internal Server Error.</summary>
    Error,
}

/// <summary>A letter in the mail room: what the person would find in their mailbox.</summary>
public sealed record Letter(DateTimeOffset SentAt, string Kind, string Recipient, string Address, string Content);

/// <summary>The "Simulator" configuration section.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>The bearer credential each registry accepts (docs/registries.md).</summary>
    public Dictionary<string, string> Credentials { get; set; } = [];

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>People generated beyond the demo people.</summary>
    public int PopulationSize { get; set; } = Population.DefaultSize;
}

/// <summary>
/// What the simulated registries remember between calls: the population (built on first use), the letters
/// mailed, RAMQ's activation keys, the answers to letter requests by idempotency key, and the fault switches.
/// </summary>
public sealed class SimulatorState(TimeProvider time, SimulatorOptions options)
{
    public static readonly TimeSpan ActivationKeyValidity = TimeSpan.FromDays(90);

    private readonly Lazy<Population> _population = new(() => Population.Generate(time.GetUtcNow().Year, options.PopulationSize));
    private readonly ConcurrentDictionary<SimulatedRegistry, FaultMode> _faults = new();
    private readonly ConcurrentQueue<Letter> _letters = new();
    private readonly ConcurrentDictionary<string, (string Key, DateTimeOffset ExpiresAt)> _activationKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _answers = new(StringComparer.Ordinal);

    public Population Population => _population.Value;

    public TimeProvider Time => time;

    public FaultMode FaultOf(SimulatedRegistry registry) => _faults.GetValueOrDefault(registry, FaultMode.None);

    public void SetFault(SimulatedRegistry registry, FaultMode mode) => _faults[registry] = mode;

    public IReadOnlyList<Letter> Letters => [.. _letters.Reverse()];

    public void Mail(Letter letter) => _letters.Enqueue(letter);

    /// <summary>RAMQ makes a new 4-digit key for the person; the previous one stops working.</summary>
    public string IssueActivationKey(string nam)
    {
        var key = RandomNumberGenerator.GetInt32(10_000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        _activationKeys[nam] = (key, time.GetUtcNow() + ActivationKeyValidity);
        return key;
    }

    public bool IsActivationKey(string nam, string key) =>
        _activationKeys.TryGetValue(nam, out var issued)
        && issued.ExpiresAt > time.GetUtcNow()
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(issued.Key), System.Text.Encoding.ASCII.GetBytes(key));

    /// <summary>The first answer given for an idempotency key, made once.</summary>
    public T Once<T>(string? idempotencyKey, Func<T> make)
        where T : notnull =>
        idempotencyKey is null ? make() : (T)_answers.GetOrAdd(idempotencyKey, _ => make());

    /// <summary>A fresh, unguessable reference id for the registry's journal.</summary>
    public static string Reference(string prefix)
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return $"{prefix}-{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }
}
