package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.KameletBean;
import io.tickettriage.adapter.SettingValues;

/**
 * What the beans of both Freshdesk Kamelets share: their {@link FreshdeskSettings}, and the application's one
 * {@link HelpDeskHttp} for that account, key and policy, found through the Camel context.
 */
abstract class FreshdeskKameletBean<W> extends KameletBean<FreshdeskSettings, W> {

    FreshdeskKameletBean(String kamelet) {
        super(kamelet, FreshdeskSettings.class, FreshdeskSettings.SETTINGS);
    }

    @Override
    protected final FreshdeskSettings read(SettingValues values) {
        return FreshdeskSettings.read(values);
    }

    /** The shared client. */
    protected HelpDeskHttp http(FreshdeskSettings settings) {
        return FreshdeskHttp.shared(context(), settings);
    }
}
