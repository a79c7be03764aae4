using Microsoft.EntityFrameworkCore.Design;

namespace ReviewWorkflow.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app or a database.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<ReviewDb>
{
    public ReviewDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReviewDb>().UseNpgsql("Host=127.0.0.1;Database=design", n => n.UseNetTopologySuite()).UseSnakeCaseNamingConvention().Options);
}
