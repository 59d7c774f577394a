from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fixed_price_channels_agoda import FixedPriceChannelsAgoda
    from ..models.fixed_price_channels_airbnb import FixedPriceChannelsAirbnb
    from ..models.fixed_price_channels_atraveode import FixedPriceChannelsAtraveode
    from ..models.fixed_price_channels_bedandbreakfasteu import (
        FixedPriceChannelsBedandbreakfasteu,
    )
    from ..models.fixed_price_channels_bedandbreakfastnl import (
        FixedPriceChannelsBedandbreakfastnl,
    )
    from ..models.fixed_price_channels_bookeasycomau import (
        FixedPriceChannelsBookeasycomau,
    )
    from ..models.fixed_price_channels_booking import FixedPriceChannelsBooking
    from ..models.fixed_price_channels_bookitconz import FixedPriceChannelsBookitconz
    from ..models.fixed_price_channels_despegar import FixedPriceChannelsDespegar
    from ..models.fixed_price_channels_edreamsodigeo import (
        FixedPriceChannelsEdreamsodigeo,
    )
    from ..models.fixed_price_channels_expedia import FixedPriceChannelsExpedia
    from ..models.fixed_price_channels_feratel import FixedPriceChannelsFeratel
    from ..models.fixed_price_channels_flipkey import FixedPriceChannelsFlipkey
    from ..models.fixed_price_channels_goibibo import FixedPriceChannelsGoibibo
    from ..models.fixed_price_channels_guestlinkcouk import (
        FixedPriceChannelsGuestlinkcouk,
    )
    from ..models.fixed_price_channels_hometogo import FixedPriceChannelsHometogo
    from ..models.fixed_price_channels_hostelinternational import (
        FixedPriceChannelsHostelinternational,
    )
    from ..models.fixed_price_channels_hostelsclub import FixedPriceChannelsHostelsclub
    from ..models.fixed_price_channels_hostelworld import FixedPriceChannelsHostelworld
    from ..models.fixed_price_channels_hotelbeds import FixedPriceChannelsHotelbeds
    from ..models.fixed_price_channels_hrs import FixedPriceChannelsHrs
    from ..models.fixed_price_channels_jomres import FixedPriceChannelsJomres
    from ..models.fixed_price_channels_lastminute import FixedPriceChannelsLastminute
    from ..models.fixed_price_channels_marriott import FixedPriceChannelsMarriott
    from ..models.fixed_price_channels_ostrovokru import FixedPriceChannelsOstrovokru
    from ..models.fixed_price_channels_ota import FixedPriceChannelsOta
    from ..models.fixed_price_channels_reserva import FixedPriceChannelsReserva
    from ..models.fixed_price_channels_tablethotels import (
        FixedPriceChannelsTablethotels,
    )
    from ..models.fixed_price_channels_tiket import FixedPriceChannelsTiket
    from ..models.fixed_price_channels_tomastravel import FixedPriceChannelsTomastravel
    from ..models.fixed_price_channels_traumferienwohnungen import (
        FixedPriceChannelsTraumferienwohnungen,
    )
    from ..models.fixed_price_channels_traveloka import FixedPriceChannelsTraveloka
    from ..models.fixed_price_channels_travia import FixedPriceChannelsTravia
    from ..models.fixed_price_channels_tripadvisorrentals import (
        FixedPriceChannelsTripadvisorrentals,
    )
    from ..models.fixed_price_channels_vacationstay import (
        FixedPriceChannelsVacationstay,
    )
    from ..models.fixed_price_channels_vrbo import FixedPriceChannelsVrbo
    from ..models.fixed_price_channels_webroomsconz import (
        FixedPriceChannelsWebroomsconz,
    )


T = TypeVar("T", bound="FixedPriceChannels")


@_attrs_define
class FixedPriceChannels:
    """
    Attributes:
        agoda (FixedPriceChannelsAgoda | Unset):
        airbnb (FixedPriceChannelsAirbnb | Unset):
        atraveode (FixedPriceChannelsAtraveode | Unset):
        bedandbreakfasteu (FixedPriceChannelsBedandbreakfasteu | Unset):
        bedandbreakfastnl (FixedPriceChannelsBedandbreakfastnl | Unset):
        bookeasycomau (FixedPriceChannelsBookeasycomau | Unset):
        booking (FixedPriceChannelsBooking | Unset):
        bookitconz (FixedPriceChannelsBookitconz | Unset):
        despegar (FixedPriceChannelsDespegar | Unset):
        edreamsodigeo (FixedPriceChannelsEdreamsodigeo | Unset):
        expedia (FixedPriceChannelsExpedia | Unset):
        feratel (FixedPriceChannelsFeratel | Unset):
        flipkey (FixedPriceChannelsFlipkey | Unset):
        goibibo (FixedPriceChannelsGoibibo | Unset):
        guestlinkcouk (FixedPriceChannelsGuestlinkcouk | Unset):
        hometogo (FixedPriceChannelsHometogo | Unset):
        hostelinternational (FixedPriceChannelsHostelinternational | Unset):
        hostelsclub (FixedPriceChannelsHostelsclub | Unset):
        hostelworld (FixedPriceChannelsHostelworld | Unset):
        hotelbeds (FixedPriceChannelsHotelbeds | Unset):
        hrs (FixedPriceChannelsHrs | Unset):
        jomres (FixedPriceChannelsJomres | Unset):
        lastminute (FixedPriceChannelsLastminute | Unset):
        marriott (FixedPriceChannelsMarriott | Unset):
        ostrovokru (FixedPriceChannelsOstrovokru | Unset):
        ota (FixedPriceChannelsOta | Unset):
        reserva (FixedPriceChannelsReserva | Unset):
        tablethotels (FixedPriceChannelsTablethotels | Unset):
        tiket (FixedPriceChannelsTiket | Unset):
        tomastravel (FixedPriceChannelsTomastravel | Unset):
        traumferienwohnungen (FixedPriceChannelsTraumferienwohnungen | Unset):
        traveloka (FixedPriceChannelsTraveloka | Unset):
        travia (FixedPriceChannelsTravia | Unset):
        tripadvisorrentals (FixedPriceChannelsTripadvisorrentals | Unset):
        vacationstay (FixedPriceChannelsVacationstay | Unset):
        vrbo (FixedPriceChannelsVrbo | Unset):
        webroomsconz (FixedPriceChannelsWebroomsconz | Unset):
    """

    agoda: FixedPriceChannelsAgoda | Unset = UNSET
    airbnb: FixedPriceChannelsAirbnb | Unset = UNSET
    atraveode: FixedPriceChannelsAtraveode | Unset = UNSET
    bedandbreakfasteu: FixedPriceChannelsBedandbreakfasteu | Unset = UNSET
    bedandbreakfastnl: FixedPriceChannelsBedandbreakfastnl | Unset = UNSET
    bookeasycomau: FixedPriceChannelsBookeasycomau | Unset = UNSET
    booking: FixedPriceChannelsBooking | Unset = UNSET
    bookitconz: FixedPriceChannelsBookitconz | Unset = UNSET
    despegar: FixedPriceChannelsDespegar | Unset = UNSET
    edreamsodigeo: FixedPriceChannelsEdreamsodigeo | Unset = UNSET
    expedia: FixedPriceChannelsExpedia | Unset = UNSET
    feratel: FixedPriceChannelsFeratel | Unset = UNSET
    flipkey: FixedPriceChannelsFlipkey | Unset = UNSET
    goibibo: FixedPriceChannelsGoibibo | Unset = UNSET
    guestlinkcouk: FixedPriceChannelsGuestlinkcouk | Unset = UNSET
    hometogo: FixedPriceChannelsHometogo | Unset = UNSET
    hostelinternational: FixedPriceChannelsHostelinternational | Unset = UNSET
    hostelsclub: FixedPriceChannelsHostelsclub | Unset = UNSET
    hostelworld: FixedPriceChannelsHostelworld | Unset = UNSET
    hotelbeds: FixedPriceChannelsHotelbeds | Unset = UNSET
    hrs: FixedPriceChannelsHrs | Unset = UNSET
    jomres: FixedPriceChannelsJomres | Unset = UNSET
    lastminute: FixedPriceChannelsLastminute | Unset = UNSET
    marriott: FixedPriceChannelsMarriott | Unset = UNSET
    ostrovokru: FixedPriceChannelsOstrovokru | Unset = UNSET
    ota: FixedPriceChannelsOta | Unset = UNSET
    reserva: FixedPriceChannelsReserva | Unset = UNSET
    tablethotels: FixedPriceChannelsTablethotels | Unset = UNSET
    tiket: FixedPriceChannelsTiket | Unset = UNSET
    tomastravel: FixedPriceChannelsTomastravel | Unset = UNSET
    traumferienwohnungen: FixedPriceChannelsTraumferienwohnungen | Unset = UNSET
    traveloka: FixedPriceChannelsTraveloka | Unset = UNSET
    travia: FixedPriceChannelsTravia | Unset = UNSET
    tripadvisorrentals: FixedPriceChannelsTripadvisorrentals | Unset = UNSET
    vacationstay: FixedPriceChannelsVacationstay | Unset = UNSET
    vrbo: FixedPriceChannelsVrbo | Unset = UNSET
    webroomsconz: FixedPriceChannelsWebroomsconz | Unset = UNSET
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
        from ..models.fixed_price_channels_agoda import FixedPriceChannelsAgoda
        from ..models.fixed_price_channels_airbnb import FixedPriceChannelsAirbnb
        from ..models.fixed_price_channels_atraveode import FixedPriceChannelsAtraveode
        from ..models.fixed_price_channels_bedandbreakfasteu import (
            FixedPriceChannelsBedandbreakfasteu,
        )
        from ..models.fixed_price_channels_bedandbreakfastnl import (
            FixedPriceChannelsBedandbreakfastnl,
        )
        from ..models.fixed_price_channels_bookeasycomau import (
            FixedPriceChannelsBookeasycomau,
        )
        from ..models.fixed_price_channels_booking import FixedPriceChannelsBooking
        from ..models.fixed_price_channels_bookitconz import (
            FixedPriceChannelsBookitconz,
        )
        from ..models.fixed_price_channels_despegar import FixedPriceChannelsDespegar
        from ..models.fixed_price_channels_edreamsodigeo import (
            FixedPriceChannelsEdreamsodigeo,
        )
        from ..models.fixed_price_channels_expedia import FixedPriceChannelsExpedia
        from ..models.fixed_price_channels_feratel import FixedPriceChannelsFeratel
        from ..models.fixed_price_channels_flipkey import FixedPriceChannelsFlipkey
        from ..models.fixed_price_channels_goibibo import FixedPriceChannelsGoibibo
        from ..models.fixed_price_channels_guestlinkcouk import (
            FixedPriceChannelsGuestlinkcouk,
        )
        from ..models.fixed_price_channels_hometogo import FixedPriceChannelsHometogo
        from ..models.fixed_price_channels_hostelinternational import (
            FixedPriceChannelsHostelinternational,
        )
        from ..models.fixed_price_channels_hostelsclub import (
            FixedPriceChannelsHostelsclub,
        )
        from ..models.fixed_price_channels_hostelworld import (
            FixedPriceChannelsHostelworld,
        )
        from ..models.fixed_price_channels_hotelbeds import FixedPriceChannelsHotelbeds
        from ..models.fixed_price_channels_hrs import FixedPriceChannelsHrs
        from ..models.fixed_price_channels_jomres import FixedPriceChannelsJomres
        from ..models.fixed_price_channels_lastminute import (
            FixedPriceChannelsLastminute,
        )
        from ..models.fixed_price_channels_marriott import FixedPriceChannelsMarriott
        from ..models.fixed_price_channels_ostrovokru import (
            FixedPriceChannelsOstrovokru,
        )
        from ..models.fixed_price_channels_ota import FixedPriceChannelsOta
        from ..models.fixed_price_channels_reserva import FixedPriceChannelsReserva
        from ..models.fixed_price_channels_tablethotels import (
            FixedPriceChannelsTablethotels,
        )
        from ..models.fixed_price_channels_tiket import FixedPriceChannelsTiket
        from ..models.fixed_price_channels_tomastravel import (
            FixedPriceChannelsTomastravel,
        )
        from ..models.fixed_price_channels_traumferienwohnungen import (
            FixedPriceChannelsTraumferienwohnungen,
        )
        from ..models.fixed_price_channels_traveloka import FixedPriceChannelsTraveloka
        from ..models.fixed_price_channels_travia import FixedPriceChannelsTravia
        from ..models.fixed_price_channels_tripadvisorrentals import (
            FixedPriceChannelsTripadvisorrentals,
        )
        from ..models.fixed_price_channels_vacationstay import (
            FixedPriceChannelsVacationstay,
        )
        from ..models.fixed_price_channels_vrbo import FixedPriceChannelsVrbo
        from ..models.fixed_price_channels_webroomsconz import (
            FixedPriceChannelsWebroomsconz,
        )

        d = dict(src_dict)
        _agoda = d.pop("agoda", UNSET)
        agoda: FixedPriceChannelsAgoda | Unset
        if isinstance(_agoda, Unset):
            agoda = UNSET
        else:
            agoda = FixedPriceChannelsAgoda.from_dict(_agoda)

        _airbnb = d.pop("airbnb", UNSET)
        airbnb: FixedPriceChannelsAirbnb | Unset
        if isinstance(_airbnb, Unset):
            airbnb = UNSET
        else:
            airbnb = FixedPriceChannelsAirbnb.from_dict(_airbnb)

        _atraveode = d.pop("atraveode", UNSET)
        atraveode: FixedPriceChannelsAtraveode | Unset
        if isinstance(_atraveode, Unset):
            atraveode = UNSET
        else:
            atraveode = FixedPriceChannelsAtraveode.from_dict(_atraveode)

        _bedandbreakfasteu = d.pop("bedandbreakfasteu", UNSET)
        bedandbreakfasteu: FixedPriceChannelsBedandbreakfasteu | Unset
        if isinstance(_bedandbreakfasteu, Unset):
            bedandbreakfasteu = UNSET
        else:
            bedandbreakfasteu = FixedPriceChannelsBedandbreakfasteu.from_dict(
                _bedandbreakfasteu
            )

        _bedandbreakfastnl = d.pop("bedandbreakfastnl", UNSET)
        bedandbreakfastnl: FixedPriceChannelsBedandbreakfastnl | Unset
        if isinstance(_bedandbreakfastnl, Unset):
            bedandbreakfastnl = UNSET
        else:
            bedandbreakfastnl = FixedPriceChannelsBedandbreakfastnl.from_dict(
                _bedandbreakfastnl
            )

        _bookeasycomau = d.pop("bookeasycomau", UNSET)
        bookeasycomau: FixedPriceChannelsBookeasycomau | Unset
        if isinstance(_bookeasycomau, Unset):
            bookeasycomau = UNSET
        else:
            bookeasycomau = FixedPriceChannelsBookeasycomau.from_dict(_bookeasycomau)

        _booking = d.pop("booking", UNSET)
        booking: FixedPriceChannelsBooking | Unset
        if isinstance(_booking, Unset):
            booking = UNSET
        else:
            booking = FixedPriceChannelsBooking.from_dict(_booking)

        _bookitconz = d.pop("bookitconz", UNSET)
        bookitconz: FixedPriceChannelsBookitconz | Unset
        if isinstance(_bookitconz, Unset):
            bookitconz = UNSET
        else:
            bookitconz = FixedPriceChannelsBookitconz.from_dict(_bookitconz)

        _despegar = d.pop("despegar", UNSET)
        despegar: FixedPriceChannelsDespegar | Unset
        if isinstance(_despegar, Unset):
            despegar = UNSET
        else:
            despegar = FixedPriceChannelsDespegar.from_dict(_despegar)

        _edreamsodigeo = d.pop("edreamsodigeo", UNSET)
        edreamsodigeo: FixedPriceChannelsEdreamsodigeo | Unset
        if isinstance(_edreamsodigeo, Unset):
            edreamsodigeo = UNSET
        else:
            edreamsodigeo = FixedPriceChannelsEdreamsodigeo.from_dict(_edreamsodigeo)

        _expedia = d.pop("expedia", UNSET)
        expedia: FixedPriceChannelsExpedia | Unset
        if isinstance(_expedia, Unset):
            expedia = UNSET
        else:
            expedia = FixedPriceChannelsExpedia.from_dict(_expedia)

        _feratel = d.pop("feratel", UNSET)
        feratel: FixedPriceChannelsFeratel | Unset
        if isinstance(_feratel, Unset):
            feratel = UNSET
        else:
            feratel = FixedPriceChannelsFeratel.from_dict(_feratel)

        _flipkey = d.pop("flipkey", UNSET)
        flipkey: FixedPriceChannelsFlipkey | Unset
        if isinstance(_flipkey, Unset):
            flipkey = UNSET
        else:
            flipkey = FixedPriceChannelsFlipkey.from_dict(_flipkey)

        _goibibo = d.pop("goibibo", UNSET)
        goibibo: FixedPriceChannelsGoibibo | Unset
        if isinstance(_goibibo, Unset):
            goibibo = UNSET
        else:
            goibibo = FixedPriceChannelsGoibibo.from_dict(_goibibo)

        _guestlinkcouk = d.pop("guestlinkcouk", UNSET)
        guestlinkcouk: FixedPriceChannelsGuestlinkcouk | Unset
        if isinstance(_guestlinkcouk, Unset):
            guestlinkcouk = UNSET
        else:
            guestlinkcouk = FixedPriceChannelsGuestlinkcouk.from_dict(_guestlinkcouk)

        _hometogo = d.pop("hometogo", UNSET)
        hometogo: FixedPriceChannelsHometogo | Unset
        if isinstance(_hometogo, Unset):
            hometogo = UNSET
        else:
            hometogo = FixedPriceChannelsHometogo.from_dict(_hometogo)

        _hostelinternational = d.pop("hostelinternational", UNSET)
        hostelinternational: FixedPriceChannelsHostelinternational | Unset
        if isinstance(_hostelinternational, Unset):
            hostelinternational = UNSET
        else:
            hostelinternational = FixedPriceChannelsHostelinternational.from_dict(
                _hostelinternational
            )

        _hostelsclub = d.pop("hostelsclub", UNSET)
        hostelsclub: FixedPriceChannelsHostelsclub | Unset
        if isinstance(_hostelsclub, Unset):
            hostelsclub = UNSET
        else:
            hostelsclub = FixedPriceChannelsHostelsclub.from_dict(_hostelsclub)

        _hostelworld = d.pop("hostelworld", UNSET)
        hostelworld: FixedPriceChannelsHostelworld | Unset
        if isinstance(_hostelworld, Unset):
            hostelworld = UNSET
        else:
            hostelworld = FixedPriceChannelsHostelworld.from_dict(_hostelworld)

        _hotelbeds = d.pop("hotelbeds", UNSET)
        hotelbeds: FixedPriceChannelsHotelbeds | Unset
        if isinstance(_hotelbeds, Unset):
            hotelbeds = UNSET
        else:
            hotelbeds = FixedPriceChannelsHotelbeds.from_dict(_hotelbeds)

        _hrs = d.pop("hrs", UNSET)
        hrs: FixedPriceChannelsHrs | Unset
        if isinstance(_hrs, Unset):
            hrs = UNSET
        else:
            hrs = FixedPriceChannelsHrs.from_dict(_hrs)

        _jomres = d.pop("jomres", UNSET)
        jomres: FixedPriceChannelsJomres | Unset
        if isinstance(_jomres, Unset):
            jomres = UNSET
        else:
            jomres = FixedPriceChannelsJomres.from_dict(_jomres)

        _lastminute = d.pop("lastminute", UNSET)
        lastminute: FixedPriceChannelsLastminute | Unset
        if isinstance(_lastminute, Unset):
            lastminute = UNSET
        else:
            lastminute = FixedPriceChannelsLastminute.from_dict(_lastminute)

        _marriott = d.pop("marriott", UNSET)
        marriott: FixedPriceChannelsMarriott | Unset
        if isinstance(_marriott, Unset):
            marriott = UNSET
        else:
            marriott = FixedPriceChannelsMarriott.from_dict(_marriott)

        _ostrovokru = d.pop("ostrovokru", UNSET)
        ostrovokru: FixedPriceChannelsOstrovokru | Unset
        if isinstance(_ostrovokru, Unset):
            ostrovokru = UNSET
        else:
            ostrovokru = FixedPriceChannelsOstrovokru.from_dict(_ostrovokru)

        _ota = d.pop("ota", UNSET)
        ota: FixedPriceChannelsOta | Unset
        if isinstance(_ota, Unset):
            ota = UNSET
        else:
            ota = FixedPriceChannelsOta.from_dict(_ota)

        _reserva = d.pop("reserva", UNSET)
        reserva: FixedPriceChannelsReserva | Unset
        if isinstance(_reserva, Unset):
            reserva = UNSET
        else:
            reserva = FixedPriceChannelsReserva.from_dict(_reserva)

        _tablethotels = d.pop("tablethotels", UNSET)
        tablethotels: FixedPriceChannelsTablethotels | Unset
        if isinstance(_tablethotels, Unset):
            tablethotels = UNSET
        else:
            tablethotels = FixedPriceChannelsTablethotels.from_dict(_tablethotels)

        _tiket = d.pop("tiket", UNSET)
        tiket: FixedPriceChannelsTiket | Unset
        if isinstance(_tiket, Unset):
            tiket = UNSET
        else:
            tiket = FixedPriceChannelsTiket.from_dict(_tiket)

        _tomastravel = d.pop("tomastravel", UNSET)
        tomastravel: FixedPriceChannelsTomastravel | Unset
        if isinstance(_tomastravel, Unset):
            tomastravel = UNSET
        else:
            tomastravel = FixedPriceChannelsTomastravel.from_dict(_tomastravel)

        _traumferienwohnungen = d.pop("traumferienwohnungen", UNSET)
        traumferienwohnungen: FixedPriceChannelsTraumferienwohnungen | Unset
        if isinstance(_traumferienwohnungen, Unset):
            traumferienwohnungen = UNSET
        else:
            traumferienwohnungen = FixedPriceChannelsTraumferienwohnungen.from_dict(
                _traumferienwohnungen
            )

        _traveloka = d.pop("traveloka", UNSET)
        traveloka: FixedPriceChannelsTraveloka | Unset
        if isinstance(_traveloka, Unset):
            traveloka = UNSET
        else:
            traveloka = FixedPriceChannelsTraveloka.from_dict(_traveloka)

        _travia = d.pop("travia", UNSET)
        travia: FixedPriceChannelsTravia | Unset
        if isinstance(_travia, Unset):
            travia = UNSET
        else:
            travia = FixedPriceChannelsTravia.from_dict(_travia)

        _tripadvisorrentals = d.pop("tripadvisorrentals", UNSET)
        tripadvisorrentals: FixedPriceChannelsTripadvisorrentals | Unset
        if isinstance(_tripadvisorrentals, Unset):
            tripadvisorrentals = UNSET
        else:
            tripadvisorrentals = FixedPriceChannelsTripadvisorrentals.from_dict(
                _tripadvisorrentals
            )

        _vacationstay = d.pop("vacationstay", UNSET)
        vacationstay: FixedPriceChannelsVacationstay | Unset
        if isinstance(_vacationstay, Unset):
            vacationstay = UNSET
        else:
            vacationstay = FixedPriceChannelsVacationstay.from_dict(_vacationstay)

        _vrbo = d.pop("vrbo", UNSET)
        vrbo: FixedPriceChannelsVrbo | Unset
        if isinstance(_vrbo, Unset):
            vrbo = UNSET
        else:
            vrbo = FixedPriceChannelsVrbo.from_dict(_vrbo)

        _webroomsconz = d.pop("webroomsconz", UNSET)
        webroomsconz: FixedPriceChannelsWebroomsconz | Unset
        if isinstance(_webroomsconz, Unset):
            webroomsconz = UNSET
        else:
            webroomsconz = FixedPriceChannelsWebroomsconz.from_dict(_webroomsconz)

        fixed_price_channels = cls(
            agoda=agoda,
            airbnb=airbnb,
            atraveode=atraveode,
            bedandbreakfasteu=bedandbreakfasteu,
            bedandbreakfastnl=bedandbreakfastnl,
            bookeasycomau=bookeasycomau,
            booking=booking,
            bookitconz=bookitconz,
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

        fixed_price_channels.additional_properties = d
        return fixed_price_channels

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
