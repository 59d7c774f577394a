from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.price_rules_channels_agoda import PriceRulesChannelsAgoda
    from ..models.price_rules_channels_airbnb import PriceRulesChannelsAirbnb
    from ..models.price_rules_channels_atraveode import PriceRulesChannelsAtraveode
    from ..models.price_rules_channels_bedandbreakfasteu import (
        PriceRulesChannelsBedandbreakfasteu,
    )
    from ..models.price_rules_channels_bedandbreakfastnl import (
        PriceRulesChannelsBedandbreakfastnl,
    )
    from ..models.price_rules_channels_bookeasycomau import (
        PriceRulesChannelsBookeasycomau,
    )
    from ..models.price_rules_channels_booking import PriceRulesChannelsBooking
    from ..models.price_rules_channels_bookitconz import PriceRulesChannelsBookitconz
    from ..models.price_rules_channels_despegar import PriceRulesChannelsDespegar
    from ..models.price_rules_channels_edreamsodigeo import (
        PriceRulesChannelsEdreamsodigeo,
    )
    from ..models.price_rules_channels_expedia import PriceRulesChannelsExpedia
    from ..models.price_rules_channels_feratel import PriceRulesChannelsFeratel
    from ..models.price_rules_channels_flipkey import PriceRulesChannelsFlipkey
    from ..models.price_rules_channels_goibibo import PriceRulesChannelsGoibibo
    from ..models.price_rules_channels_guestlinkcouk import (
        PriceRulesChannelsGuestlinkcouk,
    )
    from ..models.price_rules_channels_hometogo import PriceRulesChannelsHometogo
    from ..models.price_rules_channels_hostelinternational import (
        PriceRulesChannelsHostelinternational,
    )
    from ..models.price_rules_channels_hostelsclub import PriceRulesChannelsHostelsclub
    from ..models.price_rules_channels_hostelworld import PriceRulesChannelsHostelworld
    from ..models.price_rules_channels_hotelbeds import PriceRulesChannelsHotelbeds
    from ..models.price_rules_channels_hrs import PriceRulesChannelsHrs
    from ..models.price_rules_channels_jomres import PriceRulesChannelsJomres
    from ..models.price_rules_channels_lastminute import PriceRulesChannelsLastminute
    from ..models.price_rules_channels_marriott import PriceRulesChannelsMarriott
    from ..models.price_rules_channels_ostrovokru import PriceRulesChannelsOstrovokru
    from ..models.price_rules_channels_ota import PriceRulesChannelsOta
    from ..models.price_rules_channels_reserva import PriceRulesChannelsReserva
    from ..models.price_rules_channels_tablethotels import (
        PriceRulesChannelsTablethotels,
    )
    from ..models.price_rules_channels_tiket import PriceRulesChannelsTiket
    from ..models.price_rules_channels_tomastravel import PriceRulesChannelsTomastravel
    from ..models.price_rules_channels_traumferienwohnungen import (
        PriceRulesChannelsTraumferienwohnungen,
    )
    from ..models.price_rules_channels_traveloka import PriceRulesChannelsTraveloka
    from ..models.price_rules_channels_travia import PriceRulesChannelsTravia
    from ..models.price_rules_channels_trip import PriceRulesChannelsTrip
    from ..models.price_rules_channels_tripadvisorrentals import (
        PriceRulesChannelsTripadvisorrentals,
    )
    from ..models.price_rules_channels_vacationstay import (
        PriceRulesChannelsVacationstay,
    )
    from ..models.price_rules_channels_vrbo import PriceRulesChannelsVrbo
    from ..models.price_rules_channels_webroomsconz import (
        PriceRulesChannelsWebroomsconz,
    )


T = TypeVar("T", bound="PriceRulesChannels")


@_attrs_define
class PriceRulesChannels:
    """
    Attributes:
        agoda (PriceRulesChannelsAgoda | Unset):
        airbnb (PriceRulesChannelsAirbnb | Unset):
        atraveode (PriceRulesChannelsAtraveode | Unset):
        bedandbreakfasteu (PriceRulesChannelsBedandbreakfasteu | Unset):
        bedandbreakfastnl (PriceRulesChannelsBedandbreakfastnl | Unset):
        bookeasycomau (PriceRulesChannelsBookeasycomau | Unset):
        booking (PriceRulesChannelsBooking | Unset):
        bookitconz (PriceRulesChannelsBookitconz | Unset):
        trip (PriceRulesChannelsTrip | Unset):
        despegar (PriceRulesChannelsDespegar | Unset):
        edreamsodigeo (PriceRulesChannelsEdreamsodigeo | Unset):
        expedia (PriceRulesChannelsExpedia | Unset):
        feratel (PriceRulesChannelsFeratel | Unset):
        flipkey (PriceRulesChannelsFlipkey | Unset):
        goibibo (PriceRulesChannelsGoibibo | Unset):
        guestlinkcouk (PriceRulesChannelsGuestlinkcouk | Unset):
        hometogo (PriceRulesChannelsHometogo | Unset):
        hostelinternational (PriceRulesChannelsHostelinternational | Unset):
        hostelsclub (PriceRulesChannelsHostelsclub | Unset):
        hostelworld (PriceRulesChannelsHostelworld | Unset):
        hotelbeds (PriceRulesChannelsHotelbeds | Unset):
        hrs (PriceRulesChannelsHrs | Unset):
        jomres (PriceRulesChannelsJomres | Unset):
        lastminute (PriceRulesChannelsLastminute | Unset):
        marriott (PriceRulesChannelsMarriott | Unset):
        ostrovokru (PriceRulesChannelsOstrovokru | Unset):
        ota (PriceRulesChannelsOta | Unset):
        reserva (PriceRulesChannelsReserva | Unset):
        tablethotels (PriceRulesChannelsTablethotels | Unset):
        tiket (PriceRulesChannelsTiket | Unset):
        tomastravel (PriceRulesChannelsTomastravel | Unset):
        traumferienwohnungen (PriceRulesChannelsTraumferienwohnungen | Unset):
        traveloka (PriceRulesChannelsTraveloka | Unset):
        travia (PriceRulesChannelsTravia | Unset):
        tripadvisorrentals (PriceRulesChannelsTripadvisorrentals | Unset):
        vacationstay (PriceRulesChannelsVacationstay | Unset):
        vrbo (PriceRulesChannelsVrbo | Unset):
        webroomsconz (PriceRulesChannelsWebroomsconz | Unset):
    """

    agoda: PriceRulesChannelsAgoda | Unset = UNSET
    airbnb: PriceRulesChannelsAirbnb | Unset = UNSET
    atraveode: PriceRulesChannelsAtraveode | Unset = UNSET
    bedandbreakfasteu: PriceRulesChannelsBedandbreakfasteu | Unset = UNSET
    bedandbreakfastnl: PriceRulesChannelsBedandbreakfastnl | Unset = UNSET
    bookeasycomau: PriceRulesChannelsBookeasycomau | Unset = UNSET
    booking: PriceRulesChannelsBooking | Unset = UNSET
    bookitconz: PriceRulesChannelsBookitconz | Unset = UNSET
    trip: PriceRulesChannelsTrip | Unset = UNSET
    despegar: PriceRulesChannelsDespegar | Unset = UNSET
    edreamsodigeo: PriceRulesChannelsEdreamsodigeo | Unset = UNSET
    expedia: PriceRulesChannelsExpedia | Unset = UNSET
    feratel: PriceRulesChannelsFeratel | Unset = UNSET
    flipkey: PriceRulesChannelsFlipkey | Unset = UNSET
    goibibo: PriceRulesChannelsGoibibo | Unset = UNSET
    guestlinkcouk: PriceRulesChannelsGuestlinkcouk | Unset = UNSET
    hometogo: PriceRulesChannelsHometogo | Unset = UNSET
    hostelinternational: PriceRulesChannelsHostelinternational | Unset = UNSET
    hostelsclub: PriceRulesChannelsHostelsclub | Unset = UNSET
    hostelworld: PriceRulesChannelsHostelworld | Unset = UNSET
    hotelbeds: PriceRulesChannelsHotelbeds | Unset = UNSET
    hrs: PriceRulesChannelsHrs | Unset = UNSET
    jomres: PriceRulesChannelsJomres | Unset = UNSET
    lastminute: PriceRulesChannelsLastminute | Unset = UNSET
    marriott: PriceRulesChannelsMarriott | Unset = UNSET
    ostrovokru: PriceRulesChannelsOstrovokru | Unset = UNSET
    ota: PriceRulesChannelsOta | Unset = UNSET
    reserva: PriceRulesChannelsReserva | Unset = UNSET
    tablethotels: PriceRulesChannelsTablethotels | Unset = UNSET
    tiket: PriceRulesChannelsTiket | Unset = UNSET
    tomastravel: PriceRulesChannelsTomastravel | Unset = UNSET
    traumferienwohnungen: PriceRulesChannelsTraumferienwohnungen | Unset = UNSET
    traveloka: PriceRulesChannelsTraveloka | Unset = UNSET
    travia: PriceRulesChannelsTravia | Unset = UNSET
    tripadvisorrentals: PriceRulesChannelsTripadvisorrentals | Unset = UNSET
    vacationstay: PriceRulesChannelsVacationstay | Unset = UNSET
    vrbo: PriceRulesChannelsVrbo | Unset = UNSET
    webroomsconz: PriceRulesChannelsWebroomsconz | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agoda: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agoda, Unset):
            agoda = self.agoda.to_dict()

        airbnb: dict[str, Any] | Unset = UNSET
        if not isinstance(self.airbnb, Unset):
            airbnb = self.airbnb.to_dict()

        atraveode: dict[str, Any] | Unset = UNSET
        if not isinstance(self.atraveode, Unset):
            atraveode = self.atraveode.to_dict()

        bedandbreakfasteu: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bedandbreakfasteu, Unset):
            bedandbreakfasteu = self.bedandbreakfasteu.to_dict()

        bedandbreakfastnl: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bedandbreakfastnl, Unset):
            bedandbreakfastnl = self.bedandbreakfastnl.to_dict()

        bookeasycomau: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bookeasycomau, Unset):
            bookeasycomau = self.bookeasycomau.to_dict()

        booking: dict[str, Any] | Unset = UNSET
        if not isinstance(self.booking, Unset):
            booking = self.booking.to_dict()

        bookitconz: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bookitconz, Unset):
            bookitconz = self.bookitconz.to_dict()

        trip: dict[str, Any] | Unset = UNSET
        if not isinstance(self.trip, Unset):
            trip = self.trip.to_dict()

        despegar: dict[str, Any] | Unset = UNSET
        if not isinstance(self.despegar, Unset):
            despegar = self.despegar.to_dict()

        edreamsodigeo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.edreamsodigeo, Unset):
            edreamsodigeo = self.edreamsodigeo.to_dict()

        expedia: dict[str, Any] | Unset = UNSET
        if not isinstance(self.expedia, Unset):
            expedia = self.expedia.to_dict()

        feratel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.feratel, Unset):
            feratel = self.feratel.to_dict()

        flipkey: dict[str, Any] | Unset = UNSET
        if not isinstance(self.flipkey, Unset):
            flipkey = self.flipkey.to_dict()

        goibibo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.goibibo, Unset):
            goibibo = self.goibibo.to_dict()

        guestlinkcouk: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guestlinkcouk, Unset):
            guestlinkcouk = self.guestlinkcouk.to_dict()

        hometogo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hometogo, Unset):
            hometogo = self.hometogo.to_dict()

        hostelinternational: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hostelinternational, Unset):
            hostelinternational = self.hostelinternational.to_dict()

        hostelsclub: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hostelsclub, Unset):
            hostelsclub = self.hostelsclub.to_dict()

        hostelworld: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hostelworld, Unset):
            hostelworld = self.hostelworld.to_dict()

        hotelbeds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hotelbeds, Unset):
            hotelbeds = self.hotelbeds.to_dict()

        hrs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hrs, Unset):
            hrs = self.hrs.to_dict()

        jomres: dict[str, Any] | Unset = UNSET
        if not isinstance(self.jomres, Unset):
            jomres = self.jomres.to_dict()

        lastminute: dict[str, Any] | Unset = UNSET
        if not isinstance(self.lastminute, Unset):
            lastminute = self.lastminute.to_dict()

        marriott: dict[str, Any] | Unset = UNSET
        if not isinstance(self.marriott, Unset):
            marriott = self.marriott.to_dict()

        ostrovokru: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ostrovokru, Unset):
            ostrovokru = self.ostrovokru.to_dict()

        ota: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ota, Unset):
            ota = self.ota.to_dict()

        reserva: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reserva, Unset):
            reserva = self.reserva.to_dict()

        tablethotels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tablethotels, Unset):
            tablethotels = self.tablethotels.to_dict()

        tiket: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tiket, Unset):
            tiket = self.tiket.to_dict()

        tomastravel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tomastravel, Unset):
            tomastravel = self.tomastravel.to_dict()

        traumferienwohnungen: dict[str, Any] | Unset = UNSET
        if not isinstance(self.traumferienwohnungen, Unset):
            traumferienwohnungen = self.traumferienwohnungen.to_dict()

        traveloka: dict[str, Any] | Unset = UNSET
        if not isinstance(self.traveloka, Unset):
            traveloka = self.traveloka.to_dict()

        travia: dict[str, Any] | Unset = UNSET
        if not isinstance(self.travia, Unset):
            travia = self.travia.to_dict()

        tripadvisorrentals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tripadvisorrentals, Unset):
            tripadvisorrentals = self.tripadvisorrentals.to_dict()

        vacationstay: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vacationstay, Unset):
            vacationstay = self.vacationstay.to_dict()

        vrbo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vrbo, Unset):
            vrbo = self.vrbo.to_dict()

        webroomsconz: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webroomsconz, Unset):
            webroomsconz = self.webroomsconz.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agoda is not UNSET:
            field_dict["agoda"] = agoda
        if airbnb is not UNSET:
            field_dict["airbnb"] = airbnb
        if atraveode is not UNSET:
            field_dict["atraveode"] = atraveode
        if bedandbreakfasteu is not UNSET:
            field_dict["bedandbreakfasteu"] = bedandbreakfasteu
        if bedandbreakfastnl is not UNSET:
            field_dict["bedandbreakfastnl"] = bedandbreakfastnl
        if bookeasycomau is not UNSET:
            field_dict["bookeasycomau"] = bookeasycomau
        if booking is not UNSET:
            field_dict["booking"] = booking
        if bookitconz is not UNSET:
            field_dict["bookitconz"] = bookitconz
        if trip is not UNSET:
            field_dict["trip"] = trip
        if despegar is not UNSET:
            field_dict["despegar"] = despegar
        if edreamsodigeo is not UNSET:
            field_dict["edreamsodigeo"] = edreamsodigeo
        if expedia is not UNSET:
            field_dict["expedia"] = expedia
        if feratel is not UNSET:
            field_dict["feratel"] = feratel
        if flipkey is not UNSET:
            field_dict["flipkey"] = flipkey
        if goibibo is not UNSET:
            field_dict["goibibo"] = goibibo
        if guestlinkcouk is not UNSET:
            field_dict["guestlinkcouk"] = guestlinkcouk
        if hometogo is not UNSET:
            field_dict["hometogo"] = hometogo
        if hostelinternational is not UNSET:
            field_dict["hostelinternational"] = hostelinternational
        if hostelsclub is not UNSET:
            field_dict["hostelsclub"] = hostelsclub
        if hostelworld is not UNSET:
            field_dict["hostelworld"] = hostelworld
        if hotelbeds is not UNSET:
            field_dict["hotelbeds"] = hotelbeds
        if hrs is not UNSET:
            field_dict["hrs"] = hrs
        if jomres is not UNSET:
            field_dict["jomres"] = jomres
        if lastminute is not UNSET:
            field_dict["lastminute"] = lastminute
        if marriott is not UNSET:
            field_dict["marriott"] = marriott
        if ostrovokru is not UNSET:
            field_dict["ostrovokru"] = ostrovokru
        if ota is not UNSET:
            field_dict["ota"] = ota
        if reserva is not UNSET:
            field_dict["reserva"] = reserva
        if tablethotels is not UNSET:
            field_dict["tablethotels"] = tablethotels
        if tiket is not UNSET:
            field_dict["tiket"] = tiket
        if tomastravel is not UNSET:
            field_dict["tomastravel"] = tomastravel
        if traumferienwohnungen is not UNSET:
            field_dict["traumferienwohnungen"] = traumferienwohnungen
        if traveloka is not UNSET:
            field_dict["traveloka"] = traveloka
        if travia is not UNSET:
            field_dict["travia"] = travia
        if tripadvisorrentals is not UNSET:
            field_dict["tripadvisorrentals"] = tripadvisorrentals
        if vacationstay is not UNSET:
            field_dict["vacationstay"] = vacationstay
        if vrbo is not UNSET:
            field_dict["vrbo"] = vrbo
        if webroomsconz is not UNSET:
            field_dict["webroomsconz"] = webroomsconz

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price_rules_channels_agoda import PriceRulesChannelsAgoda
        from ..models.price_rules_channels_airbnb import PriceRulesChannelsAirbnb
        from ..models.price_rules_channels_atraveode import PriceRulesChannelsAtraveode
        from ..models.price_rules_channels_bedandbreakfasteu import (
            PriceRulesChannelsBedandbreakfasteu,
        )
        from ..models.price_rules_channels_bedandbreakfastnl import (
            PriceRulesChannelsBedandbreakfastnl,
        )
        from ..models.price_rules_channels_bookeasycomau import (
            PriceRulesChannelsBookeasycomau,
        )
        from ..models.price_rules_channels_booking import PriceRulesChannelsBooking
        from ..models.price_rules_channels_bookitconz import (
            PriceRulesChannelsBookitconz,
        )
        from ..models.price_rules_channels_despegar import PriceRulesChannelsDespegar
        from ..models.price_rules_channels_edreamsodigeo import (
            PriceRulesChannelsEdreamsodigeo,
        )
        from ..models.price_rules_channels_expedia import PriceRulesChannelsExpedia
        from ..models.price_rules_channels_feratel import PriceRulesChannelsFeratel
        from ..models.price_rules_channels_flipkey import PriceRulesChannelsFlipkey
        from ..models.price_rules_channels_goibibo import PriceRulesChannelsGoibibo
        from ..models.price_rules_channels_guestlinkcouk import (
            PriceRulesChannelsGuestlinkcouk,
        )
        from ..models.price_rules_channels_hometogo import PriceRulesChannelsHometogo
        from ..models.price_rules_channels_hostelinternational import (
            PriceRulesChannelsHostelinternational,
        )
        from ..models.price_rules_channels_hostelsclub import (
            PriceRulesChannelsHostelsclub,
        )
        from ..models.price_rules_channels_hostelworld import (
            PriceRulesChannelsHostelworld,
        )
        from ..models.price_rules_channels_hotelbeds import PriceRulesChannelsHotelbeds
        from ..models.price_rules_channels_hrs import PriceRulesChannelsHrs
        from ..models.price_rules_channels_jomres import PriceRulesChannelsJomres
        from ..models.price_rules_channels_lastminute import (
            PriceRulesChannelsLastminute,
        )
        from ..models.price_rules_channels_marriott import PriceRulesChannelsMarriott
        from ..models.price_rules_channels_ostrovokru import (
            PriceRulesChannelsOstrovokru,
        )
        from ..models.price_rules_channels_ota import PriceRulesChannelsOta
        from ..models.price_rules_channels_reserva import PriceRulesChannelsReserva
        from ..models.price_rules_channels_tablethotels import (
            PriceRulesChannelsTablethotels,
        )
        from ..models.price_rules_channels_tiket import PriceRulesChannelsTiket
        from ..models.price_rules_channels_tomastravel import (
            PriceRulesChannelsTomastravel,
        )
        from ..models.price_rules_channels_traumferienwohnungen import (
            PriceRulesChannelsTraumferienwohnungen,
        )
        from ..models.price_rules_channels_traveloka import PriceRulesChannelsTraveloka
        from ..models.price_rules_channels_travia import PriceRulesChannelsTravia
        from ..models.price_rules_channels_trip import PriceRulesChannelsTrip
        from ..models.price_rules_channels_tripadvisorrentals import (
            PriceRulesChannelsTripadvisorrentals,
        )
        from ..models.price_rules_channels_vacationstay import (
            PriceRulesChannelsVacationstay,
        )
        from ..models.price_rules_channels_vrbo import PriceRulesChannelsVrbo
        from ..models.price_rules_channels_webroomsconz import (
            PriceRulesChannelsWebroomsconz,
        )

        d = dict(src_dict)
        _agoda = d.pop("agoda", UNSET)
        agoda: PriceRulesChannelsAgoda | Unset
        if isinstance(_agoda, Unset):
            agoda = UNSET
        else:
            agoda = PriceRulesChannelsAgoda.from_dict(_agoda)

        _airbnb = d.pop("airbnb", UNSET)
        airbnb: PriceRulesChannelsAirbnb | Unset
        if isinstance(_airbnb, Unset):
            airbnb = UNSET
        else:
            airbnb = PriceRulesChannelsAirbnb.from_dict(_airbnb)

        _atraveode = d.pop("atraveode", UNSET)
        atraveode: PriceRulesChannelsAtraveode | Unset
        if isinstance(_atraveode, Unset):
            atraveode = UNSET
        else:
            atraveode = PriceRulesChannelsAtraveode.from_dict(_atraveode)

        _bedandbreakfasteu = d.pop("bedandbreakfasteu", UNSET)
        bedandbreakfasteu: PriceRulesChannelsBedandbreakfasteu | Unset
        if isinstance(_bedandbreakfasteu, Unset):
            bedandbreakfasteu = UNSET
        else:
            bedandbreakfasteu = PriceRulesChannelsBedandbreakfasteu.from_dict(
                _bedandbreakfasteu
            )

        _bedandbreakfastnl = d.pop("bedandbreakfastnl", UNSET)
        bedandbreakfastnl: PriceRulesChannelsBedandbreakfastnl | Unset
        if isinstance(_bedandbreakfastnl, Unset):
            bedandbreakfastnl = UNSET
        else:
            bedandbreakfastnl = PriceRulesChannelsBedandbreakfastnl.from_dict(
                _bedandbreakfastnl
            )

        _bookeasycomau = d.pop("bookeasycomau", UNSET)
        bookeasycomau: PriceRulesChannelsBookeasycomau | Unset
        if isinstance(_bookeasycomau, Unset):
            bookeasycomau = UNSET
        else:
            bookeasycomau = PriceRulesChannelsBookeasycomau.from_dict(_bookeasycomau)

        _booking = d.pop("booking", UNSET)
        booking: PriceRulesChannelsBooking | Unset
        if isinstance(_booking, Unset):
            booking = UNSET
        else:
            booking = PriceRulesChannelsBooking.from_dict(_booking)

        _bookitconz = d.pop("bookitconz", UNSET)
        bookitconz: PriceRulesChannelsBookitconz | Unset
        if isinstance(_bookitconz, Unset):
            bookitconz = UNSET
        else:
            bookitconz = PriceRulesChannelsBookitconz.from_dict(_bookitconz)

        _trip = d.pop("trip", UNSET)
        trip: PriceRulesChannelsTrip | Unset
        if isinstance(_trip, Unset):
            trip = UNSET
        else:
            trip = PriceRulesChannelsTrip.from_dict(_trip)

        _despegar = d.pop("despegar", UNSET)
        despegar: PriceRulesChannelsDespegar | Unset
        if isinstance(_despegar, Unset):
            despegar = UNSET
        else:
            despegar = PriceRulesChannelsDespegar.from_dict(_despegar)

        _edreamsodigeo = d.pop("edreamsodigeo", UNSET)
        edreamsodigeo: PriceRulesChannelsEdreamsodigeo | Unset
        if isinstance(_edreamsodigeo, Unset):
            edreamsodigeo = UNSET
        else:
            edreamsodigeo = PriceRulesChannelsEdreamsodigeo.from_dict(_edreamsodigeo)

        _expedia = d.pop("expedia", UNSET)
        expedia: PriceRulesChannelsExpedia | Unset
        if isinstance(_expedia, Unset):
            expedia = UNSET
        else:
            expedia = PriceRulesChannelsExpedia.from_dict(_expedia)

        _feratel = d.pop("feratel", UNSET)
        feratel: PriceRulesChannelsFeratel | Unset
        if isinstance(_feratel, Unset):
            feratel = UNSET
        else:
            feratel = PriceRulesChannelsFeratel.from_dict(_feratel)

        _flipkey = d.pop("flipkey", UNSET)
        flipkey: PriceRulesChannelsFlipkey | Unset
        if isinstance(_flipkey, Unset):
            flipkey = UNSET
        else:
            flipkey = PriceRulesChannelsFlipkey.from_dict(_flipkey)

        _goibibo = d.pop("goibibo", UNSET)
        goibibo: PriceRulesChannelsGoibibo | Unset
        if isinstance(_goibibo, Unset):
            goibibo = UNSET
        else:
            goibibo = PriceRulesChannelsGoibibo.from_dict(_goibibo)

        _guestlinkcouk = d.pop("guestlinkcouk", UNSET)
        guestlinkcouk: PriceRulesChannelsGuestlinkcouk | Unset
        if isinstance(_guestlinkcouk, Unset):
            guestlinkcouk = UNSET
        else:
            guestlinkcouk = PriceRulesChannelsGuestlinkcouk.from_dict(_guestlinkcouk)

        _hometogo = d.pop("hometogo", UNSET)
        hometogo: PriceRulesChannelsHometogo | Unset
        if isinstance(_hometogo, Unset):
            hometogo = UNSET
        else:
            hometogo = PriceRulesChannelsHometogo.from_dict(_hometogo)

        _hostelinternational = d.pop("hostelinternational", UNSET)
        hostelinternational: PriceRulesChannelsHostelinternational | Unset
        if isinstance(_hostelinternational, Unset):
            hostelinternational = UNSET
        else:
            hostelinternational = PriceRulesChannelsHostelinternational.from_dict(
                _hostelinternational
            )

        _hostelsclub = d.pop("hostelsclub", UNSET)
        hostelsclub: PriceRulesChannelsHostelsclub | Unset
        if isinstance(_hostelsclub, Unset):
            hostelsclub = UNSET
        else:
            hostelsclub = PriceRulesChannelsHostelsclub.from_dict(_hostelsclub)

        _hostelworld = d.pop("hostelworld", UNSET)
        hostelworld: PriceRulesChannelsHostelworld | Unset
        if isinstance(_hostelworld, Unset):
            hostelworld = UNSET
        else:
            hostelworld = PriceRulesChannelsHostelworld.from_dict(_hostelworld)

        _hotelbeds = d.pop("hotelbeds", UNSET)
        hotelbeds: PriceRulesChannelsHotelbeds | Unset
        if isinstance(_hotelbeds, Unset):
            hotelbeds = UNSET
        else:
            hotelbeds = PriceRulesChannelsHotelbeds.from_dict(_hotelbeds)

        _hrs = d.pop("hrs", UNSET)
        hrs: PriceRulesChannelsHrs | Unset
        if isinstance(_hrs, Unset):
            hrs = UNSET
        else:
            hrs = PriceRulesChannelsHrs.from_dict(_hrs)

        _jomres = d.pop("jomres", UNSET)
        jomres: PriceRulesChannelsJomres | Unset
        if isinstance(_jomres, Unset):
            jomres = UNSET
        else:
            jomres = PriceRulesChannelsJomres.from_dict(_jomres)

        _lastminute = d.pop("lastminute", UNSET)
        lastminute: PriceRulesChannelsLastminute | Unset
        if isinstance(_lastminute, Unset):
            lastminute = UNSET
        else:
            lastminute = PriceRulesChannelsLastminute.from_dict(_lastminute)

        _marriott = d.pop("marriott", UNSET)
        marriott: PriceRulesChannelsMarriott | Unset
        if isinstance(_marriott, Unset):
            marriott = UNSET
        else:
            marriott = PriceRulesChannelsMarriott.from_dict(_marriott)

        _ostrovokru = d.pop("ostrovokru", UNSET)
        ostrovokru: PriceRulesChannelsOstrovokru | Unset
        if isinstance(_ostrovokru, Unset):
            ostrovokru = UNSET
        else:
            ostrovokru = PriceRulesChannelsOstrovokru.from_dict(_ostrovokru)

        _ota = d.pop("ota", UNSET)
        ota: PriceRulesChannelsOta | Unset
        if isinstance(_ota, Unset):
            ota = UNSET
        else:
            ota = PriceRulesChannelsOta.from_dict(_ota)

        _reserva = d.pop("reserva", UNSET)
        reserva: PriceRulesChannelsReserva | Unset
        if isinstance(_reserva, Unset):
            reserva = UNSET
        else:
            reserva = PriceRulesChannelsReserva.from_dict(_reserva)

        _tablethotels = d.pop("tablethotels", UNSET)
        tablethotels: PriceRulesChannelsTablethotels | Unset
        if isinstance(_tablethotels, Unset):
            tablethotels = UNSET
        else:
            tablethotels = PriceRulesChannelsTablethotels.from_dict(_tablethotels)

        _tiket = d.pop("tiket", UNSET)
        tiket: PriceRulesChannelsTiket | Unset
        if isinstance(_tiket, Unset):
            tiket = UNSET
        else:
            tiket = PriceRulesChannelsTiket.from_dict(_tiket)

        _tomastravel = d.pop("tomastravel", UNSET)
        tomastravel: PriceRulesChannelsTomastravel | Unset
        if isinstance(_tomastravel, Unset):
            tomastravel = UNSET
        else:
            tomastravel = PriceRulesChannelsTomastravel.from_dict(_tomastravel)

        _traumferienwohnungen = d.pop("traumferienwohnungen", UNSET)
        traumferienwohnungen: PriceRulesChannelsTraumferienwohnungen | Unset
        if isinstance(_traumferienwohnungen, Unset):
            traumferienwohnungen = UNSET
        else:
            traumferienwohnungen = PriceRulesChannelsTraumferienwohnungen.from_dict(
                _traumferienwohnungen
            )

        _traveloka = d.pop("traveloka", UNSET)
        traveloka: PriceRulesChannelsTraveloka | Unset
        if isinstance(_traveloka, Unset):
            traveloka = UNSET
        else:
            traveloka = PriceRulesChannelsTraveloka.from_dict(_traveloka)

        _travia = d.pop("travia", UNSET)
        travia: PriceRulesChannelsTravia | Unset
        if isinstance(_travia, Unset):
            travia = UNSET
        else:
            travia = PriceRulesChannelsTravia.from_dict(_travia)

        _tripadvisorrentals = d.pop("tripadvisorrentals", UNSET)
        tripadvisorrentals: PriceRulesChannelsTripadvisorrentals | Unset
        if isinstance(_tripadvisorrentals, Unset):
            tripadvisorrentals = UNSET
        else:
            tripadvisorrentals = PriceRulesChannelsTripadvisorrentals.from_dict(
                _tripadvisorrentals
            )

        _vacationstay = d.pop("vacationstay", UNSET)
        vacationstay: PriceRulesChannelsVacationstay | Unset
        if isinstance(_vacationstay, Unset):
            vacationstay = UNSET
        else:
            vacationstay = PriceRulesChannelsVacationstay.from_dict(_vacationstay)

        _vrbo = d.pop("vrbo", UNSET)
        vrbo: PriceRulesChannelsVrbo | Unset
        if isinstance(_vrbo, Unset):
            vrbo = UNSET
        else:
            vrbo = PriceRulesChannelsVrbo.from_dict(_vrbo)

        _webroomsconz = d.pop("webroomsconz", UNSET)
        webroomsconz: PriceRulesChannelsWebroomsconz | Unset
        if isinstance(_webroomsconz, Unset):
            webroomsconz = UNSET
        else:
            webroomsconz = PriceRulesChannelsWebroomsconz.from_dict(_webroomsconz)

        price_rules_channels = cls(
            agoda=agoda,
            airbnb=airbnb,
            atraveode=atraveode,
            bedandbreakfasteu=bedandbreakfasteu,
            bedandbreakfastnl=bedandbreakfastnl,
            bookeasycomau=bookeasycomau,
            booking=booking,
            bookitconz=bookitconz,
            trip=trip,
            despegar=despegar,
            edreamsodigeo=edreamsodigeo,
            expedia=expedia,
            feratel=feratel,
            flipkey=flipkey,
            goibibo=goibibo,
            guestlinkcouk=guestlinkcouk,
            hometogo=hometogo,
            hostelinternational=hostelinternational,
            hostelsclub=hostelsclub,
            hostelworld=hostelworld,
            hotelbeds=hotelbeds,
            hrs=hrs,
            jomres=jomres,
            lastminute=lastminute,
            marriott=marriott,
            ostrovokru=ostrovokru,
            ota=ota,
            reserva=reserva,
            tablethotels=tablethotels,
            tiket=tiket,
            tomastravel=tomastravel,
            traumferienwohnungen=traumferienwohnungen,
            traveloka=traveloka,
            travia=travia,
            tripadvisorrentals=tripadvisorrentals,
            vacationstay=vacationstay,
            vrbo=vrbo,
            webroomsconz=webroomsconz,
        )

        price_rules_channels.additional_properties = d
        return price_rules_channels

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
