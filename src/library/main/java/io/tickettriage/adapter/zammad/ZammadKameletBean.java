package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.SettingValues;

/**
 * What both Zammad Kamelet beans share: their {@link ZammadSettings} and the application's one client for that
 * Zammad, credentials and policy.
 */
public abstract class ZammadKameletBean<W> extends KameletBean<ZammadSettings, W> {

    ZammadKameletBean(String kamelet) {
        super(kamelet, ZammadSettings.class, ZammadSettings.SETTINGS);
    }

    @Override
    protected final ZammadSettings read(SettingValues values) {
        return ZammadSettings.read(values);
    }

    final HelpDeskHttp client(ZammadSettings settings) {
        return ZammadHttp.shared(context(), settings.baseUrl(), settings.authentication(), settings.policy());
    }
}
