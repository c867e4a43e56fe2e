/**
 * JDBC code both Mnemo drivers share: base classes that refuse every optional JDBC method with SQLState
 * {@code 0A000}, and above them the behaviour the embedded driver ({@code dev.mnemo.sql.jdbc}) and the remote
 * one ({@code dev.mnemo.sql.remote}) have in common (statement, connection and result set properties, the
 * derived and refused PreparedStatement setters, result and parameter metadata over plain descriptions); each
 * driver adds how it runs SQL. Nothing here may depend on the engine, Calcite or Chronicle Map: the thin client
 * jar carries this package.
 */
package dev.mnemo.sql.client;
