using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adal.Platform.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            // Openings move beside their leaf, one JSON object per entry instead of a row per commitment.
            migrationBuilder.Sql("""
UPDATE "LedgerEntries" SET "Openings" = (
    SELECT json_group_object(o."Field", json_object('salt', lower(hex(o."Salt")), 'value', o."Value"))
    FROM "LedgerOpenings" AS o WHERE o."TenantId" = "LedgerEntries"."TenantId" AND o."Index" = "LedgerEntries"."Index")
WHERE EXISTS (SELECT 1 FROM "LedgerOpenings" AS o WHERE o."TenantId" = "LedgerEntries"."TenantId" AND o."Index" = "LedgerEntries"."Index");
""");

            migrationBuilder.DropTable(
                name: "LedgerOpenings");

            migrationBuilder.CreateTable(
                name: "LedgerTiles",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Hashes = table.Column<byte[]>(type: "BLOB", nullable: false)
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
