package io.tickettriage.adapter.rt;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.SettingValues;

/**
 * What both RT Kamelet beans share: their {@link RtSettings} and the application's one client for that RT,
 * credentials and policy.
 */
abstract class RtBean<W> extends KameletBean<RtSettings, W> {

    RtBean(String kamelet) {
        super(kamelet, RtSettings.class, RtSettings.SETTINGS);
    }

    @Override
    protected final RtSettings read(SettingValues values) {
        return RtSettings.read(values);
    }

    final HelpDeskHttp client(RtSettings settings) {
        return RtHttp.shared(context(), settings.baseUrl(), settings.authentication(), settings.policy());
    }
}
