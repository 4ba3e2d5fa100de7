package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.SettingValues;

/**
 * What the OTOBO Kamelets' beans share: their {@link OtoboSettings} and the application's one {@link OtoboClient}
 * for that web service, agent and policy.
 */
abstract class OtoboBean<W> extends KameletBean<OtoboSettings, W> {

    OtoboBean(String kamelet) {
        super(kamelet, OtoboSettings.class, OtoboSettings.SETTINGS);
    }

    @Override
    protected final OtoboSettings read(SettingValues values) {
        return OtoboSettings.read(values);
    }

    /** The shared client. */
    OtoboClient client(OtoboSettings settings) {
        return OtoboClient.shared(context(), settings.baseUrl(), settings.authentication(), settings.policy());
    }
}
