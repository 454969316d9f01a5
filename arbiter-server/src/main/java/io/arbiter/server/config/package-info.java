/**
 * The node's configuration: one table of settings and everything made from it.
 *
 * <pre>
 *  ServerSettings (one Setting row per key: key, default, description, SettingType with its allowed values,
 *        │          ServerContext getter and setter)
 *        ├── new ServerContext()          defaults of every row
 *        ├── ServerConfigLoader           arbiter-default.properties, then --config FILE, then overrides; unknown keys
 *        │                                and bad values are errors naming the key, the value and what is allowed
 *        ├── ServerSettings.validate      every value and the rules between settings, before anything starts
 *        ├── arbiter server options       one option per row (ServerCommand.SettingOptions in arbiter-app)
 *        └── SettingsDocuments            arbiter-default.properties and the table of docs/configuration.md,
 *                                         checked by SettingsDocumentsTest
 * </pre>
 *
 * <p><b>Adding a setting is a one-row change.</b> Add a row to {@link io.arbiter.server.config.ServerSettings} (and the
 * field with its fluent accessor pair to {@link io.arbiter.server.config.ServerContext} if the value is new; the field
 * has no initializer, its default comes from the row), then regenerate the defaults file and the documentation with
 * {@code mvn -B -q -o -pl arbiter-server -am test -Dtest=SettingsDocumentsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Darbiter.settings.write=true}. The loader, the {@code arbiter server} option (named after the key), its
 * {@code --help} text and the checks follow from the row. A rule between two settings goes into
 * {@code ServerSettings.validate}. Instruments ({@code instrument.<SYMBOL>}) and accounts ({@code account.<name>.*})
 * are lists, read by the loader. Everything here is control plane and produces garbage.
 */
package io.arbiter.server.config;
