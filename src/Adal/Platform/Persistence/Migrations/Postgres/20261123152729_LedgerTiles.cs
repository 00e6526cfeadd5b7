using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adal.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerTiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nodes become tiles. Tiles are derived data: LedgerTileRepair rebuilds them from the entries at start-up.
            migrationBuilder.DropTable(
                name: "LedgerNodes");

            migrationBuilder.AddColumn<string>(
                name: "Openings",
                table: "LedgerEntries",
                type: "text",
                nullable: true);

            // Openings move beside their leaf, one JSON object per entry instead of a row per commitment.
            migrationBuilder.Sql("""
UPDATE "LedgerEntries" AS e SET "Openings" = (
    SELECT json_object_agg(o."Field", json_build_object('salt', encode(o."Salt", 'hex'), 'value', o."Value"))::text
    FROM "LedgerOpenings" AS o WHERE o."TenantId" = e."TenantId" AND o."Index" = e."Index")
WHERE EXISTS (SELECT 1 FROM "LedgerOpenings" AS o WHERE o."TenantId" = e."TenantId" AND o."Index" = e."Index");
""");

            migrationBuilder.DropTable(
                name: "LedgerOpenings");

            migrationBuilder.CreateTable(
                name: "LedgerTiles",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Hashes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerTiles", x => new { x.TenantId, x.Level, x.Index });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("The ledger's tiles cannot be taken back to per-node rows; restore a backup instead.");
    }
}
