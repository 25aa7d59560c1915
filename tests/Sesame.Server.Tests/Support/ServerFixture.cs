using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Data;
using Sesame.Testing;

namespace Sesame.Server.Tests.Support;

/// <summary>
/// One server for the whole project (the machine has 2 cores). Tests share its fake clock, so they run
/// one at a time in one collection; each uses its own accounts and client addresses.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public SesameHost Host { get; } = new();

    public MailServer Mail { get; } = new();

    public Task InitializeAsync()
    {
        Host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Mail.Dispose();
        Host.Dispose();
        return Task.CompletedTask;
    }

    public Browser NewBrowser(string? address = null) => new(Host.NewClient(address));

    /// <summary>Runs something against the database the server uses.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<SesameDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SesameDbContext>());
    }

    /// <summary>A unique username and e-mail, so tests never see each other's accounts or mail.</summary>
    public static (string Username, string Email) NewPerson(string name = "marie")
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return ($"{name}{suffix}", $"{name}.{suffix}@exemple.ca");
    }

    public const string GoodPassword = "Tulipe-Verte-Hiver-92";
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
