using Microsoft.EntityFrameworkCore;

namespace Sesame.Core.Data;

/// <summary>PostgreSQL, for production and for several server nodes.</summary>
public sealed class PostgresSesameDbContext(DbContextOptions<PostgresSesameDbContext> options) : SesameDbContext(options);
