using Microsoft.AspNetCore.Identity;
using Npgsql;
using ReviewWorkflow.Web.Accounts;

namespace ReviewWorkflow.Bench.Throughput;

/// <summary>
/// Officers and supervisors as Identity rows written by SQL: the same columns Identity writes, with
/// one password hash computed once (hashing 1,000 times would take longer than the rest of the load).
/// Team t (1-based) has officers o{t}-{k}@bench.local (k = 1..officersPerTeam) and supervisor s{t}@bench.local.
/// </summary>
public static class BenchUsers
{
    public const string Password = "Bench!2345";

    public static string Team(int t) => $"team-{t:D2}";
    public static string OfficerEmail(int t, int k) => $"o{t}-{k}@bench.local";
    public static string SupervisorEmail(int t) => $"s{t}@bench.local";

    public static async Task InsertAsync(string connectionString, int teams, int officersPerTeam)
    {
        var hash = new PasswordHasher<User>().HashPassword(new User(), Password);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                                       security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled,
                                       access_failed_count, display_name, team, role, deactivated)
            SELECT md5(u.email)::uuid::text, u.email, upper(u.email), u.email, upper(u.email), true, @hash,
                   upper(substr(md5('stamp' || u.email), 1, 32)), md5('concurrency' || u.email)::uuid::text, false, false, true,
                   0, u.display_name, u.team, u.role, false
            FROM (
                SELECT format('o%s-%s@bench.local', t, k) AS email, format('Officer %s-%s', t, k) AS display_name,
                       format('team-%s', lpad(t::text, 2, '0')) AS team, 'officer' AS role
                FROM generate_series(1, @teams) t, generate_series(1, @officers) k
                UNION ALL
                SELECT format('s%s@bench.local', t), format('Supervisor %s', t), format('team-%s', lpad(t::text, 2, '0')), 'supervisor'
                FROM generate_series(1, @teams) t
            ) u
            """, connection);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("teams", teams);
        command.Parameters.AddWithValue("officers", officersPerTeam);
        await command.ExecuteNonQueryAsync();
    }
}
