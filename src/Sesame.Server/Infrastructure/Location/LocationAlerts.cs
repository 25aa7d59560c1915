using System.Net;
using MaxMind.GeoIP2;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Privacy;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Mail;

namespace Sesame.Server.Infrastructure.Location;

public sealed class LocationOptions
{
    public const string Section = "Location";

    /// <summary>
    /// A MaxMind-format city database (GeoLite2 or GeoIP2 City, .mmdb). Without one, no address is ever
    /// located and no new-place alert is sent, even for people who turned alerts on.
    /// </summary>
    public string? DatabasePath { get; set; }
}

/// <summary>An approximate place ("Montréal, Québec, Canada") for an address, or null when it cannot tell.</summary>
public interface IPlaceLocator
{
    string? Locate(IPAddress address);
}

/// <summary>Reads a MaxMind-format database file, in memory, once.</summary>
public sealed class MaxMindPlaceLocator(string path) : IPlaceLocator, IDisposable
{
    private readonly DatabaseReader _reader = new(path, MaxMind.Db.FileAccessMode.Memory);

    public string? Locate(IPAddress address)
    {
        if (!_reader.TryCity(address, out var city) || city is null)
        {
            return null;
        }

        var french = Languages.Current == Languages.French;
        string? Name(MaxMind.GeoIP2.Model.NamedEntity entity) =>
            french && entity.Names.TryGetValue("fr", out var fr) ? fr : entity.Name;
        var parts = new[] { Name(city.City), Name(city.MostSpecificSubdivision), Name(city.Country) }
            .Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    public void Dispose() => _reader.Dispose();
}

public sealed class NoPlaceLocator : IPlaceLocator
{
    public string? Locate(IPAddress address) => null;
}

/// <summary>
/// Alerts for sign-ins from a new place (issue 5, item 4). Off until the person turns them on, because
/// locating someone from their address is a technology that locates a person (Québec Law 25, A-2.1
/// s.65.0.1: off by default, disclosed). When off, the address is never looked up and no place is kept;
/// when on, places are kept only as keyed hashes, and the first place seen sends no alert.
/// </summary>
public sealed class LocationAlerts(
    SesameDbContext db,
    IPlaceLocator locator,
    KeyedHasher hasher,
    MailOutbox outbox,
    MailTemplates mail,
    AccountLinks links,
    TimeProvider time)
{
    /// <summary>Notes the place of a sign-in and queues an alert when it is new; saved with the caller's change.</summary>
    public async Task NoteSignInAsync(SesameUser user, IPAddress? address, CancellationToken cancellationToken)
    {
        if (!user.LocationAlertsEnabled || address is null || locator.Locate(address) is not { } place)
        {
            return;
        }

        var hash = hasher.Hash("sign-in-place", user.Id.ToString(), place);
        var known = await db.SignInPlaces.Where(p => p.UserId == user.Id).Select(p => p.PlaceHash).ToListAsync(cancellationToken);
        if (known.Any(k => k.AsSpan().SequenceEqual(hash)))
        {
            return;
        }

        db.SignInPlaces.Add(new SignInPlace { Id = Guid.CreateVersion7(time.GetUtcNow()), UserId = user.Id, PlaceHash = hash, FirstSeenAt = time.GetUtcNow() });
        if (known.Count > 0)
        {
            outbox.Enqueue(MailTemplates.NewPlace, mail.NewPlaceAlert(user.Email!, place, links.NotMe(user)));
        }
    }

    /// <summary>Turning alerts off forgets every place kept.</summary>
    public Task ForgetAsync(Guid userId, CancellationToken cancellationToken) =>
        db.SignInPlaces.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
