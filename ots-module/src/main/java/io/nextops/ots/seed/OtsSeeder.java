package io.nextops.ots.seed;

import io.nextops.ots.catalog.NewClient;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a deterministic demo data set: providers (mostly shipping lines), clients, and OTs with 1-3 valid containers,
 * MBLs, house BLs, dates in 2024-2025 and notes of varied length, all obeying the save rules. OTs go in with COPY:
 * 50,000 take a few seconds. The same seed on an empty database gives the same rows; on a database that already
 * has data, numbers and names continue after the existing rows so nothing collides. Thread-safe (stateless).
 *
 * <pre>{@code
 * OtsSeeder.Seeded s = OtsSeeder.seed(jdbi, 42, 40, 300, 50_000);
 * long someOt = s.firstOtId() + random.nextLong(s.otCount());     // for the invoices seeder
 * }</pre>
 */
public final class OtsSeeder {
    private static final String[] CARRIERS = {"MAERSK LINE", "MEDITERRANEAN SHIPPING COMPANY", "CMA CGM",
        "HAPAG-LLOYD", "EVERGREEN MARINE", "COSCO SHIPPING", "OCEAN NETWORK EXPRESS", "ZIM", "YANG MING", "HMM",
        "PACIFIC INTERNATIONAL LINES", "WAN HAI LINES", "SEABOARD MARINE", "CROWLEY", "KING OCEAN"};
    private static final String[] AGENTS = {"TRANSPORTES", "AGENCIA ADUANAL", "ALMACENADORA", "SEGUROS", "LOGISTICA",
        "CONSOLIDADORA", "AGENTE DE CARGA"};
    private static final String[] AGENT_TYPES = {"transportista", "agencia_aduanal", "almacenadora", "aseguradora",
        "agente_local", "consolidadora", "agente_origen"};
    private static final String[] CLIENT_A = {"Distribuidora", "Comercial", "Industrias", "Importadora", "Grupo",
        "Alimentos", "Textiles", "Farmacéutica", "Ferretería", "Exportadora", "Agroindustrias", "Tecnología"};
    private static final String[] CLIENT_B = {"del Pacífico", "Centroamericana", "San Miguel", "La Esperanza",
        "Cuscatlán", "El Roble", "Los Volcanes", "Santa Ana", "Nueva Era", "Maya", "Atlántico", "Del Valle",
        "Montecristo", "Las Flores", "Izalco", "Sol de Oriente"};
    private static final String[] CLIENT_SUFFIX = {"S.A. de C.V.", "S.A. de C.V.", "S.A.", "Ltda.", "& Cía.", ""};
    private static final String[] ORIGINS = {"SHANGHAI", "NINGBO", "SHENZHEN", "BUSAN", "KAOHSIUNG", "ROTTERDAM",
        "HAMBURG", "VALENCIA", "HOUSTON", "MIAMI", "MANZANILLO", "CARTAGENA", "COLON", "SANTOS", "YOKOHAMA"};
    private static final String[] DESTINATIONS = {"ACAJUTLA", "ACAJUTLA", "ACAJUTLA", "PUERTO CORTES",
        "SANTO TOMAS DE CASTILLA", "PUERTO QUETZAL", "LA UNION"};
    private static final String[] OPERATORS = {"Ana Martínez", "Luis Hernández", "Carla Ramos", "José López",
        "María Castillo", "Diego Flores", "Sofía Pérez", "-"};
    private static final String[] VESSELS = {"MSC ANNA", "MAERSK SELETAR", "CMA CGM TAGE", "EVER GIVEN",
        "COSCO PRIDE", "ONE HUMBER", "HMM ALGECIRAS", "YM WELLNESS", "SEABOARD GEMINI", "ZIM KINGSTON", "-"};
    private static final String[] STATES = {"transito", "transito", "transito", "puerto", "en_rada", "almacenadora",
        "bodega", "desprendimiento", "finalizada", "finalizada", "cerrada", "fact_adicionales", "disputa"};
    private static final String[] NOTE_WORDS = {"contenedor", "revisar", "documentos", "pendiente", "naviera",
        "cliente", "solicita", "retiro", "demoras", "factura", "liberación", "aduana", "urgente", "coordinar",
        "transporte", "bodega", "inspección", "BL", "original", "telex", "release", "pago", "flete", "seguro"};
    private static final String OT_COLUMNS = "numero_ot, cliente_id, proveedor_id, master_bl, house_bls, contenedores, "
            + "fecha_eta, fecha_llegada, etd, puerto_origen, puerto_destino, operativo, tipo_operacion, tipo_embarque, "
            + "barco, estado, estado_source, fecha_eta_source, fecha_solicitud_facturacion, fecha_recepcion_factura, "
            + "estado_facturado, fecha_provision, estado_provision, provision_source, envio_cierre_ot, notas, "
            + "comentarios, created_at, updated_at";

    /**
     * What was created: ids are contiguous ranges (first..last inclusive; first > last when none were created).
     *
     * @param firstProviderId first provider id
     * @param lastProviderId last provider id
     * @param firstClientId first client id
     * @param lastClientId last client id
     * @param firstOtId first OT id
     * @param lastOtId last OT id
     */
    public record Seeded(long firstProviderId, long lastProviderId, long firstClientId, long lastClientId,
                         long firstOtId, long lastOtId) {
        public long otCount() {
            return Math.max(0, lastOtId - firstOtId + 1);
        }
    }

    private OtsSeeder() {}

    /**
     * Loads {@code providers} providers (at least 1), {@code clients} clients (at least 1) and {@code ots} OTs in one
     * transaction, generated from {@code seed}.
     */
    public static Seeded seed(Jdbi jdbi, long seed, int providers, int clients, int ots) {
        if (providers < 1 || clients < 1 || ots < 0) {
            throw new IllegalArgumentException("seed needs providers >= 1, clients >= 1, ots >= 0, was "
                    + providers + ", " + clients + ", " + ots);
        }
        return jdbi.inTransaction(h -> {
            h.execute("LOCK TABLE ots, catalogs_provider, client_aliases IN SHARE ROW EXCLUSIVE MODE");
            SplittableRandom random = new SplittableRandom(seed);
            long[] providerIds = insertProviders(h, random, providers);
            long[] clientIds = insertClients(h, random, clients);
            long before = h.createQuery("SELECT coalesce(max(id), 0) FROM ots").mapTo(Long.class).one();
            copyOts(h, random, ots, before, providerIds, clientIds);
            long after = h.createQuery("SELECT coalesce(max(id), 0) FROM ots").mapTo(Long.class).one();
            h.execute("UPDATE client_aliases a SET usage_count = s.n FROM (SELECT cliente_id, count(*) AS n FROM ots "
                    + "WHERE is_deleted = false GROUP BY cliente_id) s WHERE a.id = s.cliente_id");
            h.execute("ANALYZE ots");
            return new Seeded(providerIds[0], providerIds[providerIds.length - 1], clientIds[0],
                    clientIds[clientIds.length - 1], before + 1, after);
        });
    }

    private static long[] insertProviders(Handle h, SplittableRandom r, int n) {
        long existing = h.createQuery("SELECT count(*) FROM catalogs_provider").mapTo(Long.class).one();
        PreparedBatch batch = h.prepareBatch("INSERT INTO catalogs_provider (nombre, nit, tipo, categoria, "
                + "tiene_credito, dias_credito, email, telefono) VALUES (:nombre, :nit, :tipo, :categoria, "
                + ":credito, :dias, :email, :telefono)");
        for (int i = 0; i < n; i++) {
            long k = existing + i;
            boolean carrier = k % 10 < 6;
            String base = carrier ? CARRIERS[(int) (k % CARRIERS.length)] : AGENTS[(int) (k % AGENTS.length)]
                    + " " + CLIENT_B[(int) (k % CLIENT_B.length)];
            long round = carrier ? k / CARRIERS.length : k / AGENTS.length;
            String nombre = round == 0 ? base : base + " " + (round + 1);
            boolean credit = r.nextInt(3) > 0;
            batch.bind("nombre", nombre).bind("nit", String.format("0614-%06d-%03d-%d", 100_000 + k, r.nextInt(1000),
                            k % 10))
                    .bind("tipo", carrier ? "naviera" : AGENT_TYPES[(int) (k % AGENT_TYPES.length)])
                    .bind("categoria", carrier ? "internacional" : (k % 3 == 0 ? "regional" : "nacional"))
                    .bind("credito", credit).bind("dias", credit ? 15 * (1 + r.nextInt(4)) : 0)
                    .bind("email", "operaciones" + k + "@" + nombre.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".com")
                    .bind("telefono", "+503 2" + (100 + r.nextInt(900)) + "-" + (1000 + r.nextInt(9000)))
                    .add();
        }
        return batch.executePreparedBatch("id").mapTo(Long.class).list().stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] insertClients(Handle h, SplittableRandom r, int n) {
        long existing = h.createQuery("SELECT count(*) FROM client_aliases").mapTo(Long.class).one();
        PreparedBatch batch = h.prepareBatch("INSERT INTO client_aliases (original_name, normalized_name, "
                + "is_verified) VALUES (:original, :normalized, :verified)");
        for (int i = 0; i < n; i++) {
            long k = existing + i;
            String name = CLIENT_A[(int) (k % CLIENT_A.length)] + " " + CLIENT_B[(int) ((k / CLIENT_A.length)
                    % CLIENT_B.length)];
            long round = k / ((long) CLIENT_A.length * CLIENT_B.length);
            if (round > 0) {
                name = name + " " + (round + 1);
            }
            String suffix = CLIENT_SUFFIX[r.nextInt(CLIENT_SUFFIX.length)];
            String original = suffix.isEmpty() ? name : name + ", " + suffix;
            batch.bind("original", original).bind("normalized", NewClient.normalize(original))
                    .bind("verified", r.nextInt(4) == 0).add();
        }
        return batch.executePreparedBatch("id").mapTo(Long.class).list().stream().mapToLong(Long::longValue).toArray();
    }

    private static void copyOts(Handle h, SplittableRandom r, int n, long start, long[] providerIds,
                                long[] clientIds) {
        if (n == 0) {
            return;
        }
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            CopyIn copy = pg.getCopyAPI().copyIn("COPY ots (" + OT_COLUMNS + ") FROM STDIN (FORMAT csv)");
            try {
                StringBuilder b = new StringBuilder(1 << 17);
                // carriers are the first 60% of each ten providers; fall back to any provider
                List<Long> carriers = new ArrayList<>();
                for (int i = 0; i < providerIds.length; i++) {
                    if (i % 10 < 6) {
                        carriers.add(providerIds[i]);
                    }
                }
                for (int i = 0; i < n; i++) {
                    row(b, r, start + i + 1, carriers, clientIds);
                    if (b.length() > 1 << 16) {
                        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        b.setLength(0);
                    }
                }
                byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ots seeder - COPY failed: " + e.getMessage(), e);
        }
    }

    private static void row(StringBuilder b, SplittableRandom r, long seq, List<Long> carriers, long[] clients) {
        LocalDate eta = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(731));
        LocalDate etd = eta.minusDays(10 + r.nextInt(26));
        LocalDate arrival = r.nextInt(10) < 6 ? eta.plusDays(r.nextInt(8) - 2) : null;
        // a few clients get most OTs, as in real data
        long client = clients[r.nextInt(10) < 6 ? r.nextInt(Math.max(1, clients.length / 10)) : r.nextInt(clients.length)];
        Long carrier = r.nextInt(20) == 0 ? null : carriers.get(r.nextInt(carriers.size()));
        String prefix = "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
        int containers = 1 + r.nextInt(3);
        StringBuilder conts = new StringBuilder("[");
        for (int c = 0; c < containers; c++) {
            conts.append(c == 0 ? "" : ", ").append('"').append(prefix).append('U')
                    .append(String.format("%07d", (seq * 3 + c) % 10_000_000)).append('"');
        }
        conts.append(']');
        int hbls = r.nextInt(3);
        StringBuilder house = new StringBuilder("[");
        for (int k = 0; k < hbls; k++) {
            house.append(k == 0 ? "" : ", ").append("\"HBL").append(eta.getYear()).append(String.format("%06d",
                    r.nextInt(1_000_000))).append('"');
        }
        house.append(']');
        boolean billed = eta.isBefore(LocalDate.of(2025, 9, 1)) && r.nextInt(10) < 6;
        LocalDate received = billed ? eta.plusDays(5 + r.nextInt(30)) : null;
        LocalDate provision = r.nextInt(10) < 5 ? eta.plusDays(r.nextInt(20)) : null;
        String provisionStatus = provision != null ? "provisionada" : (r.nextInt(15) == 0 ? "revision" : "pendiente");
        Instant created = etd.minusDays(r.nextInt(20)).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(r.nextInt(86_400));
        Instant updated = created.plusSeconds(r.nextInt(30 * 86_400));
        String[] fields = {
            "OT-" + eta.getYear() % 100 + "-" + String.format("%06d", seq),
            Long.toString(client),
            carrier == null ? null : carrier.toString(),
            prefix + "U" + (100_000_000 + r.nextInt(900_000_000)),
            house.toString(),
            conts.toString(),
            eta.toString(),
            arrival == null ? null : arrival.toString(),
            etd.toString(),
            ORIGINS[r.nextInt(ORIGINS.length)],
            DESTINATIONS[r.nextInt(DESTINATIONS.length)],
            OPERATORS[r.nextInt(OPERATORS.length)],
            r.nextInt(100) < 85 ? "importacion" : "exportacion",
            r.nextInt(4) == 0 ? "LCL" : "FCL",
            VESSELS[r.nextInt(VESSELS.length)],
            STATES[r.nextInt(STATES.length)],
            r.nextBoolean() ? "excel" : "manual",
            r.nextBoolean() ? "excel" : "",
            billed ? received.minusDays(r.nextInt(5)).toString() : null,
            received == null ? null : received.toString(),
            billed ? "facturado" : "pendiente",
            provision == null ? null : provision.toString(),
            provisionStatus,
            provision == null ? "" : "manual",
            billed && r.nextBoolean() ? received.plusDays(3).toString() : null,
            notes(r),
            r.nextInt(5) == 0 ? "Revisado por finanzas" : "",
            created.toString(),
            updated.toString()};
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            csv(b, fields[i]);
        }
        b.append('\n');
    }

    private static String notes(SplittableRandom r) {
        int kind = r.nextInt(10);
        if (kind < 4) {
            return "";
        }
        int words = kind < 8 ? 3 + r.nextInt(10) : 40 + r.nextInt(120);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : (r.nextInt(12) == 0 ? ". " : " ")).append(NOTE_WORDS[r.nextInt(NOTE_WORDS.length)]);
        }
        if (r.nextInt(6) == 0) {
            s.append(", \"urgente\" 100%");
        }
        return s.append('.').toString();
    }

    /** A CSV field for COPY: null unquoted (NULL), anything else quoted with quotes doubled. */
    private static void csv(StringBuilder b, String value) {
        if (value == null) {
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        b.append('"');
    }
}
